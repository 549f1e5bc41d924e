package dev.samstage.core.packaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 that names an archive in the artifact store. For each entry in archive order
 * it takes the entry name, a NUL, a type byte ({@code d} directory, {@code x} executable file,
 * {@code f} file) and, for files, the 8-byte length followed by the bytes. Lengths make the
 * encoding unambiguous; timestamps and zip metadata are left out on purpose, and the mode is
 * in because it changes what Lambda runs.
 */
final class ContentDigest {

    private final MessageDigest digest = sha256();

    void directory(ArchiveEntry entry) {
        directory(entry.name());
    }

    void directory(String name) {
        name(name);
        digest.update((byte) 'd');
    }

    void file(ArchiveEntry entry, long size) {
        file(entry.name(), entry.executable(), size);
    }

    void file(String name, boolean executable, long size) {
        name(name);
        digest.update((byte) (executable ? 'x' : 'f'));
        for (int shift = 56; shift >= 0; shift -= 8) {
            digest.update((byte) (size >>> shift));
        }
    }

    void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void name(String name) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
