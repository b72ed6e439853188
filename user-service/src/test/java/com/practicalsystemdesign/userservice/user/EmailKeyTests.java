package com.practicalsystemdesign.userservice.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which emails are one user, whatever the database's locale (docs/api.md). */
class EmailKeyTests {

    /** {@code é} as one code point (NFC) and as {@code e} + a combining acute (NFD). */
    private static final String E_ACUTE_NFC = "\u00e9";

    private static final String E_ACUTE_NFD = "e\u0301";

    @Test
    void caseIsFoldedBeyondAscii() {
        assertThat(EmailKey.of("\u00c9mile@example.com")).isEqualTo(EmailKey.of("\u00e9mile@example.com"))
            .isEqualTo("\u00e9mile@example.com");
        assertThat(EmailKey.of("Alice@Example.COM")).isEqualTo("alice@example.com");
        assertThat(EmailKey.of("stra\u00dfe@example.com")).isEqualTo(EmailKey.of("STRASSE@example.com"));
    }

    @Test
    void canonicallyEquivalentSpellingsAreOneEmail() {
        assertThat(EmailKey.of(E_ACUTE_NFD + "mile@example.com"))
            .isEqualTo(EmailKey.of(E_ACUTE_NFC + "mile@example.com"))
            .isEqualTo(EmailKey.of("E\u0301mile@example.com"));
    }

    @Test
    void differentLettersStayDifferent() {
        assertThat(EmailKey.of("emile@example.com")).isNotEqualTo(EmailKey.of(E_ACUTE_NFC + "mile@example.com"));
        assertThat(EmailKey.of("\uff41@example.com")).as("a fullwidth a is not compatibility-folded")
            .isNotEqualTo(EmailKey.of("a@example.com"));
    }

}
