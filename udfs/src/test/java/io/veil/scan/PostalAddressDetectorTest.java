package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.ops.Dictionary;
import io.veil.scan.PostalAddressDetector.Form;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PostalAddressDetectorTest {
  private final PostalAddressDetector detector = new PostalAddressDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "广东省深圳市南山区科技园路18号",
        "北京市朝阳区建国路88号SOHO现代城1号楼2单元301室",
        "上海市浦东新区世纪大道100号",
        "四川省成都市武侯区人民南路四段12号",
        "上海市黄浦区南京东路100弄3号",
        "北京市东城区帽儿胡同十二号",
        "浙江省杭州市西湖区文三路 90 号",
        "江苏省南通市崇川区工农路12号", // a district read by shape after a known city
        "内蒙古自治区呼和浩特市新城区新华大街1号",
        "中国广东省广州市天河区天河路385号太古汇3楼",
        "广东深圳市南山区粤海街道科技园路18号", // short province name, subdistrict
        "上海浦东新区世纪大道100号", // short municipality name before its district
        "浙江杭州西湖区文三路90号", // short province and city names
        "广东深圳南山区科技园路18号",
        "深圳市科技园路18号", // a known city and a road
        "朝阳区建国路88号", // a known district and a road
        "江苏省苏州市昆山市玉山镇前进西路1号", // a county-level city
        "北京市海淀区中关村大街２７号", // full-width digits
        "北京市朝阳区建国路88号院3号楼",
        "河南省周口市郸城县城郊乡王庄村5组", // province, city, county: no road needed
        "广东省深圳市南山区",
        " 广东省 深圳市 南山区 科技园路18号 ",
        "北京市朝阳区\uD840\uDC0B\uD840\uDC0B路5号", // supplementary Han characters in the road
      })
  void chineseAddressesHaveAdministrativeMarkersAndARoadNumber(String value) {
    assertTrue(detector.matches(value), value);
    assertEquals(Form.CN, detector.formOf(value), value);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "北京市",
        "北京市朝阳区", // a municipality counts once: two levels, no road
        "深圳市南山区",
        "广东省深圳市",
        "人民路88号", // a road and number without a known place
        "科技园路18号",
        "北京市朝阳区建国路", // no house number
        "北京市朝阳区建国路1234567号",
        "我住在北京市朝阳区建国路88号", // a sentence, not a value that is an address
        "广东省深圳市南山区科技园路18号，谢谢",
        "订单已发货，请注意查收",
        "上海市第一人民医院",
        "上海市场专用2号电池",
        "北京烤鸭礼盒2号",
        "华为Mate60 Pro手机",
        "吉林市",
        "北京市朝阳区\uD83D\uDE00路5号", // an emoji is no road name
        "   ",
      })
  void otherChineseTextIsNotAnAddress(String value) {
    assertFalse(detector.matches(value), value);
    assertNull(detector.formOf(value), value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1600 Pennsylvania Ave NW, Washington, DC 20500",
        "221B Baker Street",
        "350 5th Ave",
        "123 Main St.",
        "123 MAIN ST",
        "742 Evergreen Terrace",
        "1 Infinite Loop, Cupertino, CA 95014",
        "1600 Amphitheatre Pkwy, Mountain View, CA 94043-1351",
        "500 W 42nd St Apt 4B, New York, NY 10036",
        "77 Massachusetts Avenue, Suite 200, Cambridge, MA 02139",
        "12 St. Charles Ave # 12",
        "9 Elm St Unit 5\nSpringfield, IL 62701",
        "100 Main Street, Portland, Oregon 97201",
        "4 N Oak Dr, Kansas City, MO",
        "12 Court St",
        "8 Peña Blvd",
        "55 Maple Avenue Springfield IL 62704",
      })
  void usAddressesHaveANumberANameAndAUspsSuffix(String value) {
    assertTrue(detector.matches(value), value);
    assertEquals(Form.US, detector.formOf(value), value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "5 items shipped",
        "Order 123 Main",
        "3 Way Switch", // "Way" has no street name before it
        "Room 101",
        "Springfield, IL",
        "I live at 123 Main St",
        "123 Main",
        "123 main st", // street name and suffix are capitalized
        "1234567 Main St",
        "12 The Way", // an article is no street name
        "10 Great Lane Rides", // the suffix word does not end the street part
        "123 Main St, Springfield, ZZ 62701", // no state ZZ
        "123 Main St Springfield",
        "Call 555 1234",
        "2 Main St \uD83D\uDE00",
      })
  void otherEnglishTextIsNotAnAddress(String value) {
    assertFalse(detector.matches(value), value);
  }

  @Test
  void eachFormCanBeRecognisedAlone() {
    PostalAddressDetector cn = new PostalAddressDetector(Form.CN);
    PostalAddressDetector us = new PostalAddressDetector(Form.US);
    assertEquals(PiiType.POSTAL_ADDRESS, detector.type());
    assertEquals("postal-address", detector.form());
    assertEquals("cn-address", cn.form());
    assertEquals("us-address", us.form());
    assertTrue(cn.matches("广东省深圳市南山区科技园路18号"));
    assertFalse(us.matches("广东省深圳市南山区科技园路18号"));
    assertTrue(us.matches("221B Baker Street"));
    assertFalse(cn.matches("221B Baker Street"));
    assertEquals(List.of(), cn.find("Ship to 221B Baker Street now"));
    assertEquals(List.of(), us.find("请寄到广东省深圳市南山区科技园路18号"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "请寄到广东省深圳市南山区科技园路18号，谢谢|广东省深圳市南山区科技园路18号",
        "收货地址:中国北京市朝阳区建国路88号SOHO现代城1号楼2单元301室 请在工作日送达" + "|中国北京市朝阳区建国路88号SOHO现代城1号楼2单元301室",
        "寄往广东深圳市南山区科技园路18号门口|广东深圳市南山区科技园路18号",
        "客户住在上海浦东新区世纪大道100号。|上海浦东新区世纪大道100号",
        "寄到浙江杭州西湖区文三路90号吧|浙江杭州西湖区文三路90号",
        "老家是河南省周口市郸城县城郊乡王庄村5组，很远|河南省周口市郸城县城郊乡王庄村5组",
        "Ship to 1600 Pennsylvania Ave NW, Washington, DC 20500 by Friday"
            + "|1600 Pennsylvania Ave NW, Washington, DC 20500",
        "Deliver to 12 Main St.|12 Main St",
        "I live at 12 Main St. The house is red.|12 Main St",
        "(home: 221B Baker Street)|221B Baker Street",
        "Send it to 500 W 42nd St Apt 4B, New York, NY 10036.|500 W 42nd St Apt 4B, New York, NY 10036",
        "寄到1600 Pennsylvania Ave NW谢谢|1600 Pennsylvania Ave NW",
      })
  void findCoversExactlyTheAddress(String text, String address) {
    List<int[]> spans = detector.find(text);
    assertEquals(1, spans.size(), text);
    assertEquals(address, text.substring(spans.get(0)[0], spans.get(0)[1]));
  }

  @Test
  void findReturnsEveryAddressInOrder() {
    String text =
        "\uD83D\uDE00从上海市黄浦区南京东路100弄3号寄到北京市朝阳区建国路88号，"
            + "copy to 77 Massachusetts Avenue, Cambridge, MA 02139 \uD83D\uDE00";
    assertEquals(
        List.of("上海市黄浦区南京东路100弄3号", "北京市朝阳区建国路88号", "77 Massachusetts Avenue, Cambridge, MA 02139"),
        found(text));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "订单已发货，请注意查收",
        "我明天去北京市开会",
        "深圳市南山区的科技园路很堵",
        "上海市第一中级人民法院(2020)沪01民终12号",
        "5 items shipped by 3 Way Switch Co",
        "In 2020 The company moved; Room 101 is free",
        "Chapter 3 The Long Walk",
        "Order #123 Main St",
        "Call 555-1234 Main St office",
      })
  void findFindsNothingInTextWithoutAnAddress(String text) {
    assertEquals(List.of(), detector.find(text), text);
  }

  @Test
  void thePreCheckRulesOutTextWithNoMarkerAndNoNumberedCapitalizedWord() {
    assertFalse(detector.mayContainAddress("订单已发货，请注意查收"));
    assertFalse(detector.mayContainAddress("5 items shipped"));
    assertFalse(detector.mayContainAddress(null));
    assertTrue(detector.mayContainAddress("去北京市"));
    assertTrue(detector.mayContainAddress("at 12 Main"));
  }

  @Test
  void findIsLinearOnLongTextWithManyNearMisses() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      text.append("市场区12 Main 3 Way Lane Rides 北京市朝阳区建国路");
    }
    long start = System.nanoTime();
    assertEquals(List.of(), detector.find(text.toString()));
    // Generous: a backtracking or quadratic scan of 200,000 chars would take far longer.
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
  }

  @Test
  void dictionariesHaveTheirAdvertisedShape() {
    List<String> provinces = Dictionary.named("provinces-zh.tsv").entries();
    assertEquals(31, provinces.size());
    assertEquals(293, Dictionary.named("prefectures-zh.tsv").entries().size());
    for (String row : Dictionary.named("prefectures-zh.tsv").entries()) {
      String[] cols = row.split("\t", -1);
      assertTrue(Dictionary.named("provinces-zh.tsv").column(0).contains(cols[0]), row);
      assertTrue(cols[1].endsWith("市"), row);
    }
    for (String row : Dictionary.named("us-states.tsv").entries()) {
      assertTrue(row.matches("[A-Z]{2}\t[A-Z][A-Za-z ]+"), row);
    }
    for (String row : Dictionary.named("usps-street-suffixes.tsv").entries()) {
      assertTrue(row.matches("[A-Z][a-z]+\t[A-Z][a-z]*(,[A-Z][a-z]*)*"), row);
    }
  }

  private List<String> found(String text) {
    List<String> out = new ArrayList<>();
    for (int[] span : detector.find(text)) {
      out.add(text.substring(span[0], span[1]));
    }
    return out;
  }

  /**
   * The finder's path, which visits only the marks and the ends of Chinese names, finds what
   * reading every char finds, for each form, on the pinned corpus of mixed Han and ASCII texts.
   */
  @Test
  void findingFromTheMarksFindsWhatReadingEveryCharFinds() {
    List<String> texts = EmbeddedPiiPinTest.corpus(4242, 6_000);
    int found = 0;
    for (PostalAddressDetector d :
        List.of(detector, new PostalAddressDetector(Form.US), new PostalAddressDetector(Form.CN))) {
      for (String text : texts) {
        char[] chars = text.toCharArray();
        List<String> everyChar = spans(d.find(text, chars));
        assertEquals(everyChar, spans(d.find(text, new TextMarks(chars))), text);
        found += everyChar.size();
      }
    }
    assertTrue(found > 300, "addresses in the corpus: " + found);
  }

  private static List<String> spans(List<int[]> spans) {
    List<String> out = new ArrayList<>();
    for (int[] s : spans) {
      out.add(s[0] + "-" + s[1]);
    }
    return out;
  }
}
