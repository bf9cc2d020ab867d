package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MaskPresetTest {
  @Test
  void email() {
    assertEquals("z********@example.com", MaskPreset.EMAIL.mask("zhang.wei@example.com", '*'));
    assertEquals("*************", MaskPreset.EMAIL.mask("a@example.com", '*')); // 1 of 11: too few
    assertEquals("**********", MaskPreset.EMAIL.mask("not-an-at!", '*'));
    assertEquals("欧********@example.com", MaskPreset.EMAIL.mask("欧阳娜娜-lina@example.com", '*'));
    assertNull(MaskPreset.EMAIL.mask(null, '*'));
  }

  @Test
  void phoneKeepsSeparators() {
    assertEquals("138****5678", MaskPreset.PHONE.mask("13812345678", '*'));
    assertEquals("+86 1**-****-5678", MaskPreset.PHONE.mask("+86 138-1234-5678", '*'));
    assertEquals("*****", MaskPreset.PHONE.mask("12345", '*')); // too short to show anything
  }

  /**
   * Issue 20, finding 4: presets hid too little on short values ({@code phone} on 12345678 wrote
   * 123*5678; {@code id-card} on 11 digits hid one) and the ID preset kept the check character.
   */
  @Test
  void maskPresetsHideTooLittleOnShortValues() {
    assertEquals("********", MaskPreset.PHONE.mask("12345678", '*'));
    assertEquals("110105*****", MaskPreset.ID_CARD.mask("11010519491", '*')); // 5 of 11, was 1
    assertEquals("*********", MaskPreset.ID_CARD.mask("110105194", '*')); // 3 of 9: too few
    assertEquals("138****5678", MaskPreset.PHONE.mask("13812345678", '*'));
    assertEquals("****-5678", MaskPreset.CARD.mask("1234-5678", '*')); // 4 of 8 hidden: enough
    assertEquals("******", MaskPreset.CARD.mask("123456", '*')); // 2 of 6: too few
  }

  @Test
  void idCardPresetExposesTheBirthDate() {
    // The eight birth-date digits and the check character are hidden: with the check character
    // shown, a known birth year left about 33 candidate dates.
    assertEquals("110105********002*", MaskPreset.ID_CARD.mask("11010519491231002X", '*'));
    // The 15-digit form (birth date in characters 7 to 12): no birth-date digit is shown either.
    assertEquals("110105********5", MaskPreset.ID_CARD.mask("110105491231015", '*'));
  }

  @Test
  void emailPresetFollowsTheSameRule() {
    // 7 of 18 letters hidden: the first letter and the domain stay.
    assertEquals("z********@example.com", MaskPreset.EMAIL.mask("zhang.wei@example.com", '*'));
    // Hiding all but the first letter hides 3 of 12: the whole local part is hidden instead (4 of
    // 12).
    assertEquals("*****@gmail.com", MaskPreset.EMAIL.mask("li.na@gmail.com", '*'));
    // Even the whole local part is too little of the value: masked whole.
    assertEquals("***************", MaskPreset.EMAIL.mask("wei@example.com", '*'));
  }

  @Test
  void cardKeepsLastFour() {
    assertEquals("************7890", MaskPreset.CARD.mask("6222021234567890", '*'));
    assertEquals("**** **** **** 7890", MaskPreset.CARD.mask("6222 0212 3456 7890", '*'));
  }

  @Test
  void configNames() {
    assertEquals(MaskPreset.ID_CARD, MaskPreset.fromConfigName("id-card"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MaskPreset.fromConfigName("ssn"));
    assertEquals(
        "ssn is not a valid mask preset. Accepted presets are email, phone, id-card, card.",
        e.getMessage());
  }

  @Test
  void maskAsciiGivesTheBytesOfMask() {
    java.util.Random r = new java.util.Random(3);
    String pool = "0123456789abcXYZ+-() .@_";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      for (int i = r.nextInt(24); i > 0; i--) {
        b.append(r.nextInt(8) == 0 ? (char) r.nextInt(128) : pool.charAt(r.nextInt(pool.length())));
      }
      String s = b.toString();
      byte[] bytes = ("<" + s + ">").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (MaskPreset p : MaskPreset.values()) {
        for (int maskChar : new int[] {'*', 0x2022}) {
          assertEquals(
              p.mask(s, maskChar),
              new String(
                  p.maskAscii(bytes, 1, s.length(), maskChar),
                  java.nio.charset.StandardCharsets.UTF_8),
              p + " of " + s);
        }
      }
    }
    byte[] name = "Jürgen@example.com".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertNull(MaskPreset.EMAIL.maskAscii(name, 0, name.length, '*'));
  }
}
