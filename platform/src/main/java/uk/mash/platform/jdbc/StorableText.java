package uk.mash.platform.jdbc;

/**
 * Text that PostgreSQL can store: its {@code text} type cannot hold the NUL character (U+0000), which a caller can
 * send, so a row quoting what they sent would fail its insert, and with it the transaction it belongs to.
 */
public final class StorableText {

    private StorableText() {
    }

    /** The text with each NUL character replaced by U+FFFD; null stays null. */
    public static String of(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }
}
