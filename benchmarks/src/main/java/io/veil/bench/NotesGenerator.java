package io.veil.bench;

import io.veil.ops.validate.ChineseIdNumber;
import io.veil.ops.validate.Luhn;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The free-text notes {@code redact} is timed on: customer-service notes of {@value #MIN_CHARS} to
 * {@value #MAX_CHARS} characters, {@value #CHINESE_PERCENT}% in Chinese and the rest in English,
 * built from realistic sentences. {@value #PII_PERCENT}% of the notes hold 1 to 3 pieces of
 * personal data of the kinds redact finds: e-mail addresses, phone numbers (mainland mobiles as
 * written at home, {@code 138-1234-5678}, and international numbers, {@code +44 20 7946 0958}),
 * card numbers (grouped, or plain after a word for cards), IBANs, IPv4 and IPv6 addresses and
 * mainland ID numbers. Every note, with personal data or not, also holds numbers that are none:
 * order, invoice and tracking numbers, versions, amounts, dates and times, card-like numbers that
 * fail Luhn's check, ID-like numbers with a wrong check character and IBANs with wrong check
 * digits.
 *
 * <p>A note depends on (seed, row) alone, through a SplitMix64 stream written out here (not {@code
 * java.util}'s), so the same seed gives the same notes on any JDK and in any partitioning. Its
 * length is drawn about uniformly from {@value #MIN_CHARS} to {@value #MAX_CHARS} minus one
 * sentence, then sentences are added until it is reached; characters are UTF-16 chars, all in the
 * Basic Multilingual Plane, so also code points.
 */
public final class NotesGenerator {
  public static final int MIN_CHARS = 200;
  public static final int MAX_CHARS = 2000;

  /** The share of notes holding personal data, in percent. */
  public static final int PII_PERCENT = 30;

  /** The share of notes written in Chinese, in percent. */
  public static final int CHINESE_PERCENT = 40;

  /** The share of the sentences without personal data that hold other numbers, in percent. */
  static final int HARD_NEGATIVE_PERCENT = 25;

  /** No sentence, with its separator and its longest inserted value, is longer than this. */
  static final int LONGEST_SENTENCE = 150;

  /** The notes table: an id and the note. */
  public static final StructType SCHEMA =
      new StructType().add("note_id", DataTypes.LongType).add("notes", DataTypes.StringType);

  /** A note and the personal data written in it, each value as it appears in the text, in order. */
  public record Note(String text, List<String> pii, boolean chinese) {}

  private NotesGenerator() {}

  /**
   * The notes table: {@code rows} notes with ids 0 to {@code rows - 1}, built in {@code partitions}
   * tasks of equal size.
   */
  public static Dataset<Row> table(SparkSession spark, long rows, long seed, int partitions) {
    return spark
        .range(0, rows, 1, partitions)
        .map(
            (MapFunction<Long, Row>) id -> RowFactory.create(id, note(seed, id).text()),
            Encoders.row(SCHEMA));
  }

  /** The note of row {@code row} for {@code seed}. */
  public static Note note(long seed, long row) {
    Random r = new Random(seed, row);
    boolean chinese = r.nextInt(100) < CHINESE_PERCENT;
    boolean withPii = r.nextInt(100) < PII_PERCENT;
    int target = MIN_CHARS + r.nextInt(MAX_CHARS - LONGEST_SENTENCE - MIN_CHARS + 1);

    // Sentences and the separators between them (a space in English, nothing in Chinese, now and
    // then a line break), drawn as they are added so that the length is known exactly.
    List<String> pii = new ArrayList<>();
    List<String> piiSentences = new ArrayList<>();
    List<String> separators = new ArrayList<>();
    int length = 0;
    if (withPii) {
      int count = 1 + r.nextInt(3);
      for (int i = 0; i < count; i++) {
        Kind kind = Kind.values()[r.nextInt(Kind.values().length)];
        String value = kind.value(r);
        String sentence = r.pick(chinese ? kind.chinese : kind.english).replace("{}", value);
        length += separator(r, chinese, piiSentences.size(), separators) + sentence.length();
        piiSentences.add(sentence);
        pii.add(value);
      }
    }
    List<String> sentences = new ArrayList<>();
    while (length < target) {
      String s =
          r.nextInt(100) < HARD_NEGATIVE_PERCENT
              ? hardNegative(r, chinese)
              : r.pick(chinese ? CHINESE_SENTENCES : ENGLISH_SENTENCES);
      length += separator(r, chinese, piiSentences.size() + sentences.size(), separators);
      sentences.add(s);
      length += s.length();
    }
    // The sentences with personal data go anywhere among the others, in the order drawn.
    int from = 0;
    for (String s : piiSentences) {
      int at = from + r.nextInt(sentences.size() - from + 1);
      sentences.add(at, s);
      from = at + 1;
    }
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < sentences.size(); i++) {
      text.append(i == 0 ? "" : separators.get(i - 1)).append(sentences.get(i));
    }
    return new Note(text.toString(), List.copyOf(pii), chinese);
  }

  /**
   * Draws the separator before sentence number {@code index} (none before the first): its length.
   */
  private static int separator(Random r, boolean chinese, int index, List<String> separators) {
    if (index == 0) {
      return 0;
    }
    String s = r.nextInt(100) < 10 ? "\n" : chinese ? "" : " ";
    separators.add(s);
    return s.length();
  }

  /** The kinds of personal data a note may hold, with the sentences each is written in. */
  private enum Kind {
    EMAIL(
        List.of(
            "Customer asked us to send the invoice to {} from now on.",
            "Prefers to be contacted by e-mail at {} rather than by phone.",
            "Forwarded the complaint to {} for a follow-up with the warehouse."),
        List.of("客户要求以后把电子发票发送到{}。", "请将报价单抄送至{}，客户会在周五前确认。", "已通过邮件{}通知客户退款进度。")),
    NATIONAL_PHONE(
        List.of(
            "Please call her back on {} after three in the afternoon.",
            "New mobile number is {}, the old one is no longer in use.",
            "Spoke to the customer on {} about the delayed delivery."),
        List.of("客户来电要求修改收货地址，联系电话{}，请尽快回访。", "新的手机号码是{}，原号码已停用。", "快递员无法联系收件人，备用电话{}也无人接听。")),
    INTERNATIONAL_PHONE(
        List.of(
            "Reached him abroad on {} and confirmed the new delivery date.",
            "The customer is travelling, call {} if the parcel is delayed again."),
        List.of("客户目前在国外，紧急联系电话{}。", "海外仓的联系人电话为{}，工作时间与国内不同。")),
    CARD(
        List.of(
            "Paid with card {} and asked for a paper receipt.",
            "The charge on the card {} was disputed by the customer.",
            "Card number {} was declined twice, customer will try another one."),
        List.of("客户提供的银行卡号为{}，已核对开户行信息。", "本次付款使用的信用卡{}已被冻结，需要客户联系发卡行。")),
    IBAN(
        List.of(
            "Refund to be transferred to IBAN {} within five working days.",
            "Customer updated the bank details for the direct debit to {} today."),
        List.of("海外客户的收款账户为{}，请财务部门核对。", "退款将汇入IBAN {}，预计五个工作日内到账。")),
    IP(
        List.of(
            "Several failed logins came from {} overnight, so the profile was locked.",
            "The order was placed from the address {} according to the web logs."),
        List.of("系统检测到异地登录，来源IP为{}，已提醒客户修改密码。", "风控记录显示下单设备的IP地址是{}。")),
    ID_NUMBER(
        List.of(
            "Verified the resident ID {} at the service counter.",
            "Customer sent a scan of the identity card, number {}, for the invoice."),
        List.of("实名认证使用的身份证号码是{}，与订单姓名一致。", "客户补交了身份证复印件，号码{}，已存档。")),
    US_PHONE(
        List.of(
            "Customer in Seattle asked to be reached at {} in the mornings.",
            "The US office number {} was added to the account."),
        List.of("美国客户的联系电话是{}，请在北京时间晚上回电。")),
    SSN(
        List.of(
            "Tax form received, SSN {} matches the W-9.",
            "Payroll record updated with SSN {} today."),
        List.of("美国员工的社会安全号{}已录入系统。")),
    NINO(
        List.of("UK employee's National Insurance number {} was confirmed by HR."),
        List.of("英国员工的国民保险号{}已核对。")),
    MAC(
        List.of("The router registered the device {} on the guest network."),
        List.of("设备{}在访客网络上完成注册。")),
    COORDINATES(
        List.of("Driver reported the parcel at {} before it went missing."),
        List.of("司机上报的包裹位置为{}，之后失去联系。")),
    ADDRESS(
        List.of("Please ship the replacement to {} instead of the office."),
        List.of("客户要求改寄到{}，请联系快递员。"));

    final List<String> english;
    final List<String> chinese;

    Kind(List<String> english, List<String> chinese) {
      this.english = english;
      this.chinese = chinese;
    }

    String value(Random r) {
      return switch (this) {
        case EMAIL -> email(r);
        case NATIONAL_PHONE -> nationalPhone(r);
        case INTERNATIONAL_PHONE -> internationalPhone(r);
        case CARD -> card(r);
        case IBAN -> iban(r, true);
        case IP -> ip(r);
        case ID_NUMBER -> idNumber(r, true);
        case US_PHONE ->
            "(" + (201 + r.nextInt(700)) + ") " + (201 + r.nextInt(700)) + "-" + r.digits(4);
        case SSN ->
            String.format(
                "%03d-%02d-%04d", 1 + r.nextInt(665), 1 + r.nextInt(99), 1 + r.nextInt(9999));
        case NINO ->
            "AB "
                + r.digits(2)
                + " "
                + r.digits(2)
                + " "
                + r.digits(2)
                + " "
                + "ABCD".charAt(r.nextInt(4));
        case MAC -> {
          StringBuilder m = new StringBuilder("0" + "24ac".charAt(r.nextInt(4)));
          for (int i = 0; i < 5; i++) {
            m.append(':').append(String.format("%02x", r.nextInt(256)));
          }
          yield m.toString();
        }
        case COORDINATES ->
            String.format(
                java.util.Locale.ROOT,
                "%.4f, %.4f",
                r.nextInt(1_600_000) / 10_000.0 - 80,
                r.nextInt(3_400_000) / 10_000.0 - 170);
        case ADDRESS ->
            (1 + r.nextInt(9000))
                + " "
                + r.pick(List.of("Oak", "Maple", "Lincoln", "Cedar"))
                + " "
                + r.pick(List.of("Street", "Ave", "Rd", "Blvd"))
                + ", Springfield, IL 62704";
      };
    }
  }

  private static final List<String> LOCAL_PARTS =
      List.of(
          "li.wei",
          "zhang.min",
          "wang_fang",
          "chen.jing",
          "liu.yang",
          "anna.schmidt",
          "j.smith",
          "maria.garcia",
          "tom.baker",
          "olivia.brown",
          "sato.yuki",
          "pierre.martin");
  private static final List<String> DOMAINS =
      List.of(
          "example.com",
          "example.org",
          "example.net",
          "mail.example.cn",
          "example.co.uk",
          "corp.example.de");

  private static String email(Random r) {
    StringBuilder s = new StringBuilder(r.pick(LOCAL_PARTS));
    if (r.nextInt(2) == 0) {
      s.append(10 + r.nextInt(90));
    }
    return s.append('@').append(r.pick(DOMAINS)).toString();
  }

  /** Mobile segments in use (MIIT's plan): 130-139, 150-159 but 154, 166, 17x, 18x, 19x. */
  private static final List<String> MOBILE_PREFIXES =
      List.of(
          "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
          "153", "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182",
          "183", "184", "185", "186", "187", "188", "189", "191", "198", "199");

  private static String mobile(Random r) {
    return r.appendDigits(new StringBuilder(r.pick(MOBILE_PREFIXES)), 8).toString();
  }

  /** A mainland mobile as written at home: plain, or 3-4-4 with hyphens or spaces. */
  private static String nationalPhone(Random r) {
    String m = mobile(r);
    return switch (r.nextInt(3)) {
      case 0 -> m;
      case 1 -> m.substring(0, 3) + "-" + m.substring(3, 7) + "-" + m.substring(7);
      default -> m.substring(0, 3) + " " + m.substring(3, 7) + " " + m.substring(7);
    };
  }

  /** +86 mobiles, London, New York, Berlin and Paris numbers in their usual grouping. */
  private static String internationalPhone(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> {
        String m = mobile(r);
        yield "+86 " + m.substring(0, 3) + " " + m.substring(3, 7) + " " + m.substring(7);
      }
      case 1 -> "+44 20 7" + r.digits(3) + " " + r.digits(4);
      case 2 -> "+1 212-" + (2 + r.nextInt(8)) + r.digits(2) + "-" + r.digits(4);
      case 3 -> "+49 30 " + (1 + r.nextInt(9)) + r.digits(7);
      default -> "+33 1 " + r.digits(2) + " " + r.digits(2) + " " + r.digits(2) + " " + r.digits(2);
    };
  }

  /**
   * A card number with a network's prefix and a valid (or, for a hard negative, a wrong) Luhn
   * digit: UnionPay, Visa and Mastercard 16 digits in groups of 4, Amex 15 in 4-6-5; a tenth are
   * written plain (the sentences name the card right before them).
   */
  private static String card(Random r) {
    return card(r, true, r.nextInt(10) > 0);
  }

  private static String card(Random r, boolean valid, boolean grouped) {
    // Hard negatives are never Amex: 4-6-5 groups hold 11-digit runs that may read as a phone.
    int network = valid ? r.nextInt(10) : 1 + r.nextInt(9);
    boolean amex = network == 0;
    StringBuilder d = new StringBuilder(16);
    if (amex) {
      d.append(r.nextInt(2) == 0 ? "34" : "37");
    } else if (network < 5) {
      d.append("62");
    } else if (network < 8) {
      d.append('4');
    } else {
      d.append('5').append((char) ('1' + r.nextInt(5)));
    }
    r.appendDigits(d, (amex ? 14 : 15) - d.length());
    char check = Luhn.checkDigit(d);
    d.append(valid ? check : (char) ('0' + (check - '0' + 1 + r.nextInt(9)) % 10));
    if (!grouped) {
      return d.toString();
    }
    String sep = r.nextInt(4) == 0 ? "-" : " ";
    if (amex) {
      return d.substring(0, 4) + sep + d.substring(4, 10) + sep + d.substring(10);
    }
    return d.substring(0, 4)
        + sep
        + d.substring(4, 8)
        + sep
        + d.substring(8, 12)
        + sep
        + d.substring(12);
  }

  /** Countries, their BBAN patterns: 9 a digit, A a capital letter. */
  private static final List<String[]> IBAN_FORMATS =
      List.of(
          new String[] {"DE", "999999999999999999"},
          new String[] {"GB", "AAAA99999999999999"},
          new String[] {"FR", "99999999999999999999999"},
          new String[] {"NL", "AAAA9999999999"},
          new String[] {"ES", "99999999999999999999"});

  /**
   * An IBAN with valid check digits, in groups of four or, one in three, written compact; or, for a
   * hard negative, with wrong check digits, compact (grouped, its digit groups may read as a card
   * number, and would then be one).
   */
  private static String iban(Random r, boolean valid) {
    String[] format = r.pick(IBAN_FORMATS);
    StringBuilder bban = new StringBuilder();
    for (char c : format[1].toCharArray()) {
      bban.append(c == '9' ? r.digit() : (char) ('A' + r.nextInt(26)));
    }
    int check = 98 - mod97(bban + format[0] + "00");
    if (!valid) {
      check = check == 2 ? 3 + r.nextInt(96) : 2 + (check - 2 + 1 + r.nextInt(95)) % 97;
    }
    String compact = format[0] + (check < 10 ? "0" : "") + check + bban;
    if (!valid || r.nextInt(3) == 0) {
      return compact;
    }
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < compact.length(); i += 4) {
      grouped.append(i == 0 ? "" : " ").append(compact, i, Math.min(i + 4, compact.length()));
    }
    return grouped.toString();
  }

  private static int mod97(String s) {
    int m = 0;
    for (char c : s.toCharArray()) {
      m = c <= '9' ? (m * 10 + (c - '0')) % 97 : (m * 100 + (c - 'A' + 10)) % 97;
    }
    return m;
  }

  /** Documentation and private IPv4 ranges, and IPv6 in 2001:db8::/32, full or compressed. */
  private static String ip(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> "192.0.2." + (1 + r.nextInt(254));
      case 1 -> "198.51.100." + (1 + r.nextInt(254));
      case 2 -> "203.0.113." + (1 + r.nextInt(254));
      case 3 -> "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
      case 4 -> "2001:db8::" + Integer.toHexString(1 + r.nextInt(0xffff));
      default -> {
        StringBuilder s = new StringBuilder("2001:db8");
        for (int i = 0; i < 6; i++) {
          s.append(':').append(Integer.toHexString(r.nextInt(0x10000)));
        }
        yield s.toString();
      }
    };
  }

  private static final List<String> REGIONS =
      List.of(
          "110101", "110108", "310104", "310115", "440305", "440106", "330106", "510107", "420111",
          "320102", "370202", "610113");

  /**
   * A mainland ID number born 1950 to 2005, with a right (or, for a hard negative, wrong) check.
   */
  private static String idNumber(Random r, boolean valid) {
    StringBuilder d = new StringBuilder(18).append(r.pick(REGIONS));
    d.append(1950 + r.nextInt(56));
    int month = 1 + r.nextInt(12);
    int day = 1 + r.nextInt(28);
    d.append(month < 10 ? "0" : "").append(month).append(day < 10 ? "0" : "").append(day);
    r.appendDigits(d, 3);
    char check = ChineseIdNumber.checkCharacter(d);
    if (valid) {
      return d.append(check).toString();
    }
    char wrong = check == 'X' ? '0' : check == '9' ? '0' : (char) (check + 1);
    return d.append(wrong).toString();
  }

  /** A sentence with numbers that are not personal data, some close to it. */
  private static String hardNegative(Random r, boolean chinese) {
    String date = "2024-" + two(1 + r.nextInt(12)) + "-" + two(1 + r.nextInt(28));
    String order = date.replace("-", "") + r.digits(6); // 14 digits: never a phone nor a card
    String time = two(8 + r.nextInt(11)) + ":" + two(r.nextInt(60));
    String amount = (1 + r.nextInt(9)) + "," + r.digits(3) + "." + r.digits(2);
    String small = (1 + r.nextInt(999)) + "." + r.digits(2);
    if (chinese) {
      return switch (r.nextInt(10)) {
        case 0 -> "订单号" + order + "已发货，预计" + (1 + r.nextInt(5)) + "天内送达。";
        case 1 -> "客户购买了" + (1 + r.nextInt(20)) + "件商品，合计金额¥" + amount + "元，优惠" + small + "元。";
        case 2 ->
            "App已升级到v"
                + (1 + r.nextInt(9))
                + "."
                + r.nextInt(20)
                + "."
                + r.nextInt(30)
                + "，问题仍未解决。";
        case 3 -> "快递单号SF" + r.digits(13) + "，请注意查收。";
        case 4 -> "会员编号" + r.digits(8) + "，当前积分" + r.nextInt(50_000) + "分。";
        case 5 -> "交易流水号" + idNumber(r, false) + "，请保留备查。";
        case 6 -> "工单于" + date + " " + time + "处理完毕，耗时" + (5 + r.nextInt(120)) + "分钟。";
        case 7 -> "礼品卡券码" + card(r, false, true) + "已作废。";
        case 8 -> "发票编号INV-" + date.replace("-", "") + "-" + r.digits(5) + "，税额" + small + "元。";
        default ->
            "邮编"
                + (1 + r.nextInt(8))
                + r.digits(5)
                + "，"
                + (1 + r.nextInt(30))
                + "号楼"
                + (1 + r.nextInt(6))
                + "单元。";
      };
    }
    return switch (r.nextInt(10)) {
      case 0 -> "Order #" + order + " shipped on " + date + " with the regular courier.";
      case 1 ->
          "Charged $" + amount + " for the annual plan, a refund of $" + small + " is pending.";
      case 2 ->
          "Upgraded the app to version "
              + (1 + r.nextInt(9))
              + "."
              + r.nextInt(20)
              + "."
              + r.nextInt(300)
              + "."
              + r.nextInt(10_000)
              + " and cleared the cache.";
      case 3 ->
          "Browser reported Chrome/"
              + (120 + r.nextInt(7))
              + ".0."
              + (1000 + r.nextInt(9000))
              + "."
              + (10 + r.nextInt(190))
              + " on Windows 10.";
      case 4 -> "Tracking number SF" + r.digits(13) + ", parcel held at the depot.";
      case 5 ->
          "Invoice INV-"
              + date.replace("-", "")
              + "-"
              + r.digits(5)
              + " was reissued with the corrected tax.";
      case 6 ->
          "Follow-up call booked for "
              + date
              + " at "
              + time
              + ", reference "
              + r.digits(4)
              + "-"
              + r.digits(4)
              + "-"
              + r.digits(4)
              + ".";
      case 7 -> "Gift voucher " + card(r, false, true) + " was cancelled after the return.";
      case 8 ->
          "The transfer was rejected because the IBAN "
              + iban(r, false)
              + " has wrong check digits.";
      default ->
          "Quantity "
              + (1 + r.nextInt(40))
              + ", unit price EUR "
              + small
              + ", total EUR "
              + amount
              + ".";
    };
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  private static final List<String> ENGLISH_SENTENCES =
      List.of(
          "Customer called about a late delivery and was promised an update by tomorrow.",
          "The parcel arrived damaged, photos were attached to the ticket.",
          "Asked to change the delivery address before the order leaves the warehouse.",
          "She was unhappy with the waiting time on the hotline and asked for a manager.",
          "Explained the return policy again, the customer accepted a store credit.",
          "Replacement item sent by express, no charge for the shipping.",
          "The customer wants the invoice split between two cost centres.",
          "Left a voicemail, no answer so far.",
          "Subscription renewed automatically, customer asked why nobody reminded him.",
          "Escalated to the second level because the problem keeps coming back.",
          "The size was wrong, exchange approved without a restocking fee.",
          "Customer confirmed the new appointment and thanked the team for the quick help.",
          "Loyalty points were not credited after the last purchase, corrected manually.",
          "Requested that marketing messages stop, preferences updated.",
          "The courier could not find the building, directions added to the order.",
          "Customer reports that the app crashes when uploading a receipt.",
          "Warranty claim accepted, the technician will visit next week.",
          "Discount code was not applied at checkout, price difference refunded.",
          "He would like to receive paper statements again instead of electronic ones.",
          "Delivery window moved to the afternoon at the customer's request.",
          "The complaint was closed after the second call, customer satisfied.",
          "Customer is moving abroad and asked how to keep the membership.",
          "Double charge visible in the statement, finance is investigating.",
          "Installation took longer than planned because a part was missing.",
          "Asked for the product manual in a larger print.",
          "Store staff confirmed the item is back in stock from Monday.",
          "Customer prefers to be called in the morning before work.",
          "The gift wrapping was forgotten, apologised and offered a voucher.",
          "Password reset link expired twice, sent a new one and stayed on the line.",
          "Noted the allergy information for future catering orders.");

  private static final List<String> CHINESE_SENTENCES =
      List.of(
          "客户反映快递延迟，已承诺明天之前给予答复。",
          "包裹到达时外箱破损，客户已上传照片。",
          "客户希望在发货前修改收货地址。",
          "客户对热线等待时间不满，要求主管回电。",
          "再次说明了退货政策，客户同意以积分方式补偿。",
          "已安排顺丰加急补发，运费由我方承担。",
          "客户要求将发票拆分给两个部门报销。",
          "电话无人接听，已留言。",
          "会员自动续费后客户询问为何没有提前提醒。",
          "问题反复出现，已升级至二线技术支持处理。",
          "尺码不合适，已同意免费换货。",
          "客户确认了新的预约时间，并感谢团队的及时帮助。",
          "上次消费的积分未到账，已手动补录。",
          "客户要求停止发送营销短信，已更新偏好设置。",
          "快递员找不到楼栋，已在订单中补充详细路线。",
          "客户反馈上传小票时应用闪退。",
          "保修申请已通过，技术人员下周上门。",
          "结账时优惠券未生效，差价已退回。",
          "客户希望恢复纸质账单。",
          "应客户要求将配送时间改为下午。",
          "第二次回访后投诉已关闭，客户表示满意。",
          "客户即将出国，咨询如何保留会员资格。",
          "账单中出现重复扣款，财务正在核查。",
          "安装时缺少配件，耗时比预期长。",
          "客户希望获得大字版的产品说明书。",
          "门店确认该商品周一到货。",
          "客户希望在上班前的上午接到电话。",
          "礼品包装被遗漏，已致歉并赠送优惠券。",
          "重置密码的链接两次失效，已重新发送并全程陪同操作。",
          "已记录客户的过敏信息，供以后订餐参考。");

  /**
   * SplitMix64 seeded from (seed, row): a fixed algorithm, so notes never change with the JDK, and
   * any task can rebuild any row.
   */
  static final class Random {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    Random(long seed, long row) {
      state = mix64(mix64(mix64(seed) + 0x6E6F746573L) + row); // "notes": a stream of its own
    }

    long nextLong() {
      state += GOLDEN_GAMMA;
      return mix64(state);
    }

    /** Uniform in {@code [0, bound)} for {@code 0 < bound < 2^31}. */
    int nextInt(int bound) {
      return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    <T> T pick(List<T> values) {
      return values.get(nextInt(values.size()));
    }

    char digit() {
      return (char) ('0' + nextInt(10));
    }

    String digits(int count) {
      return appendDigits(new StringBuilder(count), count).toString();
    }

    StringBuilder appendDigits(StringBuilder out, int count) {
      for (int i = 0; i < count; i++) {
        out.append(digit());
      }
      return out;
    }

    private static long mix64(long z) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
