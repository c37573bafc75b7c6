package dev.publicsafety.dal.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WalPositionTest {

    @Test
    void shouldReadBackWhatItPrintsInPostgresFormat() {
        WalPosition position = WalPosition.parse("16/B374D848");

        assertEquals(0x16_B374D848L, position.value());
        assertEquals("16/B374D848", position.toString());
        assertEquals(position, WalPosition.parse(position.toString()));
    }

    @Test
    void shouldOrderPositionsAsUnsignedNumbers() {
        WalPosition low = WalPosition.parse("7FFFFFFF/FFFFFFFF");
        WalPosition high = WalPosition.parse("FFFFFFFF/0");

        assertTrue(high.isAtOrAfter(low), "past 2^63 is still later");
        assertEquals(0x7FFFFFFF_00000001L, high.bytesAfter(low));
        assertEquals(0, low.bytesAfter(high));
    }

    @Test
    void shouldNameTheExpectedFormWhenTheTextIsNotAPosition() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> WalPosition.parse("16-B374D848"));

        assertEquals("WAL position: expected two hex numbers like 16/B374D848, got 16-B374D848", refused.getMessage());
    }
}
