package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MaskPresetTest {
  @Test
  void email() {
    assertEquals("z********@example.com", MaskPreset.EMAIL.mask("zhang.wei@example.com", '*'));
    assertEquals("*@example.com", MaskPreset.EMAIL.mask("a@example.com", '*'));
    assertEquals("**********", MaskPreset.EMAIL.mask("not-an-at!", '*'));
    assertEquals("王*@example.com", MaskPreset.EMAIL.mask("王伟@example.com", '*'));
    assertNull(MaskPreset.EMAIL.mask(null, '*'));
  }

  @Test
  void phoneKeepsSeparators() {
    assertEquals("138****5678", MaskPreset.PHONE.mask("13812345678", '*'));
    assertEquals("+86 1**-****-5678", MaskPreset.PHONE.mask("+86 138-1234-5678", '*'));
    assertEquals("*****", MaskPreset.PHONE.mask("12345", '*')); // too short to show anything
  }

  @Test
  void idCardHidesBirthDate() {
    assertEquals("110105********002X", MaskPreset.ID_CARD.mask("11010519491231002X", '*'));
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
          assertEquals(p.mask(s, maskChar),
              new String(p.maskAscii(bytes, 1, s.length(), maskChar), java.nio.charset.StandardCharsets.UTF_8),
              p + " of " + s);
        }
      }
    }
    byte[] name = "Jürgen@example.com".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertNull(MaskPreset.EMAIL.maskAscii(name, 0, name.length, '*'));
  }
}
