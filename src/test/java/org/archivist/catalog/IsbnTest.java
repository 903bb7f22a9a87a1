package org.archivist.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IsbnTest {

    @Test
    void isbn10AndIsbn13AreStoredAsIsbn13() {
        assertThat(Isbn.toIsbn13("0-596-00108-8")).isEqualTo("9780596001087");
        assertThat(Isbn.toIsbn13("080442957X")).isEqualTo("9780804429573");
        assertThat(Isbn.toIsbn13("978-3-16-148410-0")).isEqualTo("9783161484100");
        assertThat(Isbn.toIsbn13("979 10 90636 07 1")).isEqualTo("9791090636071");
    }

    @Test
    void wrongCheckDigitsAndShapesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Isbn.toIsbn13("0-596-00108-7")).hasMessageContaining("ISBN-10").hasMessageContaining("check digit");
        assertThatThrownBy(() -> Isbn.toIsbn13("9783161484101")).hasMessageContaining("ISBN-13").hasMessageContaining("check digit");
        assertThatThrownBy(() -> Isbn.toIsbn13("12345")).hasMessageContaining("not an ISBN");
        assertThatThrownBy(() -> Isbn.toIsbn13("X123456789")).hasMessageContaining("not an ISBN");
        assertThat(Isbn.isValid("9770000000000")).isFalse();
    }
}
