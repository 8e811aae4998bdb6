package io.omnisync.platform.admin;

import io.omnisync.platform.config.Placeholders;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/** {@code omnisync.admin.*}: who may use the admin API, with which role. */
@Validated
@ConfigurationProperties("omnisync.admin")
public class AdminProperties implements Validator {

    /** Admin API users; none configured means the admin API refuses everyone. */
    @Valid
    private List<User> users = new ArrayList<>();

    public List<User> getUsers() {
        return users;
    }

    public void setUsers(List<User> users) {
        this.users = users;
    }

    @Override
    public boolean supports(Class<?> type) {
        return AdminProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        List<User> all = ((AdminProperties) target).users;
        for (int i = 0; i < all.size(); i++) {
            String password = all.get(i).password;
            String field = "users[" + i + "].password";
            if (password == null || (!password.startsWith("{") && password.length() < 12)) {
                errors.rejectValue(field, "weak", "must be at least 12 characters (or an encoded {bcrypt}... hash), "
                        + "from the environment, e.g. ${OMNISYNC_ADMIN_PASSWORD}");
            }
            Placeholders.rejectUnresolved(errors, field, password);
        }
    }

    /** What a role may do: viewer reads (masked), operator also replays, admin also discards and configures. */
    public enum Role {
        VIEWER, OPERATOR, ADMIN
    }

    /** One admin API user. */
    public static class User {

        /** Sign-in name. */
        @NotBlank(message = "must name the user")
        private String username;

        /** Password (or {bcrypt} hash); secret, from the environment. */
        private String password;

        /** viewer, operator or admin. */
        @NotNull(message = "must be viewer, operator or admin")
        private Role role = Role.VIEWER;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public Role getRole() {
            return role;
        }

        public void setRole(Role role) {
            this.role = role;
        }
    }
}
