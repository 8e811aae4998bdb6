package io.omnisync.platform.admin;

import io.omnisync.platform.privacy.CustomerErasure;
import io.omnisync.platform.privacy.SubjectKeys;
import java.security.Principal;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** "Forget customer" (admin): purges a customer's personal data from the dead-letter store and the journal. */
@RestController
@RequestMapping("/admin/customers")
public class PrivacyAdminController {

    private final CustomerErasure erasure;

    public PrivacyAdminController(CustomerErasure erasure) {
        this.erasure = erasure;
    }

    @PostMapping("/forget")
    public CustomerErasure.Result forget(@RequestBody(required = false) Map<String, String> body, Principal who) {
        String email = body == null ? null : body.get("email");
        if (!SubjectKeys.isEmail(email)) {
            throw new AdminRequestException("send {\"email\": \"customer@example.com\"}: the email address of the customer to forget");
        }
        return erasure.forget(email, who.getName());
    }
}
