package io.omnisync.platform.webhook;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/** RSA-SHA256 signatures checked against public keys: the sender signs with a private key omnisync never holds. */
public final class RsaSignatures {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private RsaSignatures() {
    }

    /**
     * Reads an RSA public key in PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo).
     *
     * @throws IllegalArgumentException naming what is wrong (never echoing the text)
     */
    public static PublicKey parsePublicKey(String pem) {
        if (pem == null || !pem.contains(BEGIN) || pem.indexOf(END) < pem.indexOf(BEGIN)) {
            throw new IllegalArgumentException("is not a PEM public key: expected " + BEGIN + " ... " + END);
        }
        String base64 = pem.substring(pem.indexOf(BEGIN) + BEGIN.length(), pem.indexOf(END)).replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("is not a readable RSA public key (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** True if {@code signatureBase64} is an RSA-SHA256 signature of {@code signed} by the private key of any of the keys. */
    public static boolean verifiesWithAny(Collection<PublicKey> keys, byte[] signed, String signatureBase64) {
        if (signatureBase64 == null || signatureBase64.isBlank()) {
            return false;
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64.trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        for (PublicKey key : keys) {
            if (verifies(key, signed, signature)) {
                return true;
            }
        }
        return false;
    }

    private static boolean verifies(PublicKey key, byte[] signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException malformedSignature) {
            return false;
        }
    }
}
