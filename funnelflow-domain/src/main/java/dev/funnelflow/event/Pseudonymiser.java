package dev.funnelflow.event;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces an event's personal identifiers ({@code user_id}, {@code context.ip}, {@code context.device_id},
 * {@code payment.card_fingerprint}) and the values that can single a person out or reach outputs ({@code session_id},
 * {@code order_id}, the search {@code query}) with keyed pseudonyms: the first 16 bytes of HMAC-SHA256(secret, UTF-8
 * id) as 32 lowercase hex characters (RFC 2104). The same id always maps to the same pseudonym under one secret, so
 * keys, joins and counts work unchanged; without the secret a pseudonym cannot be reversed or recomputed from a
 * guessed id, unlike a plain hash. 128 bits keep collisions out of reach (birthday bound 2^64) at half the state size
 * of the full digest.
 *
 * <p>Not thread-safe (one {@link Mac}): one instance per operator subtask.
 */
public final class Pseudonymiser {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int PSEUDONYM_BYTES = 16;

    private final Mac mac;

    public Pseudonymiser(byte[] secret) {
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }

    /** The pseudonym of one identifier; null stays null. */
    public String pseudonym(String id) {
        if (id == null) {
            return null;
        }
        byte[] digest = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, PSEUDONYM_BYTES);
    }

    /**
     * The event with its user, IP, device, card, session, order and query pseudonymised; everything else as it was.
     * Equal values stay equal, which is all the job needs of them: sessions, distinct cards and orders are counted,
     * never read. A query's pseudonym keeps nothing of its words, which nothing downstream uses.
     */
    public ClickEvent pseudonymise(ClickEvent event) {
        EventContext context = event.context();
        EventContext pseudonymousContext = context == null ? null : new EventContext(pseudonym(context.deviceId()),
                pseudonym(context.ip()), context.userAgent(), context.country(), context.channel());
        Payment payment = event.payment();
        Payment pseudonymousPayment = payment == null ? null : new Payment(payment.method(),
                pseudonym(payment.cardFingerprint()), payment.amount(), payment.currency());
        return new ClickEvent(event.eventId(), event.eventTime(), pseudonym(event.userId()),
                pseudonym(event.sessionId()), event.type(), event.itemId(), event.categoryId(), event.price(),
                event.quantity(), pseudonym(event.orderId()), pseudonym(event.query()), event.recId(),
                pseudonymousContext, pseudonymousPayment, event.origin());
    }
}
