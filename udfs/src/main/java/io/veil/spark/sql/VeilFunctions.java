package io.veil.spark.sql;

import static io.veil.spark.sql.VeilFunction.named;

import io.veil.crypto.Alphabet;
import io.veil.keys.KeyMaterial;
import io.veil.keys.KeyResolver;
import io.veil.keys.KeyWarnings;
import io.veil.keys.Keyset;
import io.veil.ops.ColumnCipher;
import io.veil.ops.FakeValues;
import io.veil.ops.FormatPreservingEncryption;
import io.veil.ops.Masker;
import io.veil.ops.Pseudonymizer;
import io.veil.spark.ColumnEncryption;
import io.veil.spark.ColumnOperation;
import io.veil.spark.DecryptOperation;
import io.veil.spark.HadoopCredentials;
import io.veil.spark.NoiseOperation;
import io.veil.spark.ShiftOperation;
import io.veil.spark.SparkTypes;
import io.veil.spark.StringOperation;
import io.veil.spark.op.Binding;
import io.veil.spark.op.KeyLookup;
import io.veil.spark.op.KeyMismatchException;
import io.veil.spark.op.OperationDefinition;
import io.veil.spark.op.OperationSettings;
import io.veil.spark.op.Operations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.internal.SQLConf$;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import scala.Option;
import scala.Tuple2;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Veil's Spark SQL functions: the one registry mapping each {@code veil_*} name to its
 * implementation. Install them with {@code spark.sql.extensions=io.veil.spark.sql.VeilExtensions}
 * or with {@link #register(SparkSession)}; installing twice (both ways, or one way twice) is
 * harmless.
 *
 * <p>Each function applies the same {@code ColumnOperation} the job applies for the same op, so a
 * value masked, pseudonymized or encrypted in SQL equals the one the job writes. Parameters (keep
 * counts, mask characters, key names) must be constants: they are read once, when Spark analyses
 * the query, and bound into the operation. Keys are named, never written in a query: {@code
 * spark.veil.keys.<name>} gives a key's source (see {@link SessionKeys}) in the conf the
 * application starts with, never a session's {@code SET}; it is read on the driver at analysis; the
 * key travels to executors inside the serialized operation and never appears in plans, column names
 * or the Spark UI. Null in gives null out.
 */
public final class VeilFunctions {
  static final String SINCE = "0.1.0";

  /** Longest prefix or suffix a mask or truncation keeps, as in the job's config. */
  private static final int MAX_KEEP = 1_000_000;

  private static final int DEFAULT_PSEUDONYM_LENGTH = 20;

  private static final String KEY_ARGUMENT =
      "a constant string naming a key: the Spark conf spark.veil.keys.<key_name> holds its source"
          + " (env:NAME, file:PATH, keystore:PATH#ALIAS or hadoop:ALIAS), or spark.veil.keys.<key_name>.v<N>"
          + " and .primary for a key with versions, set when the application starts (a session's SET is"
          + " refused). The key's bytes never appear in the query or its plan.";

  private static final String KEYS_NOTE =
      "The examples use a 32-byte key named pii (veil keygen) and a 64-byte key named pii_siv"
          + " (veil keygen --type aes-siv-512).";

  private static final String CONTEXT_ARGUMENT =
      "an optional constant string bound to the ciphertext (the job's context setting):"
          + " decrypting needs the same context.";

  private static final VeilFunction MASK =
      named("veil_mask")
          .operation("mask")
          .group("string_funcs")
          .form(
              "_FUNC_(str, keep_first, keep_last[, char])",
              "Replaces every character of `str` but the first `keep_first` and the last `keep_last` with"
                  + " `char`. The result has the same length in characters. A value on which that would hide fewer"
                  + " than 4 of its letters and digits, or less than a third of them, is masked whole.")
          .argument("str", "a string; other atomic values are cast to string.")
          .argument("keep_first", "a constant integer, 0 or more: characters kept at the start.")
          .argument("keep_last", "a constant integer, 0 or more: characters kept at the end.")
          .argument("char", "a constant one-character string, '*' when omitted.")
          .example("SELECT _FUNC_('13812345678', 3, 4);", "138****5678")
          .example("SELECT _FUNC_('Zhang Xiaoming', 1, 0, '#');", "Z#############")
          .example("SELECT _FUNC_('12345678', 3, 4);", "********")
          .example("SELECT _FUNC_('王小明', 1, 0);", "***")
          .build(
              3,
              4,
              call ->
                  strings(
                      call,
                      bind(
                          call,
                          "mask",
                          Map.of("keep-first", 1, "keep-last", 2, "char", 3),
                          Map.of("char", "*"))));

  private static final VeilFunction MASK_CLASSES =
      named("veil_mask_classes")
          .operation("mask")
          .group("string_funcs")
          .form(
              "_FUNC_(str[, upper, lower, digit, other[, letter]])",
              "Replaces characters by class, as Spark's mask() does: upper-case letters with `upper`, lower-case"
                  + " letters with `lower`, digits with `digit`, other characters with `other`, and letters without"
                  + " case (Chinese, Arabic...) with `letter`. Omitted classes take mask()'s defaults ('X', 'x', 'n',"
                  + " other kept) and 'X' for `letter`, so uncased letters are masked too: mask() leaves Chinese names"
                  + " readable.")
          .argument("str", "a string; other atomic values are cast to string.")
          .argument(
              "upper, lower, digit, other",
              "constant one-character strings; NULL keeps the class as it is.")
          .argument(
              "letter",
              "a constant one-character string for letters without case; NULL counts them as"
                  + " `other`, exactly as Spark does, so _FUNC_(str, u, l, d, o, NULL) equals mask(str, u, l, d, o).")
          .example("SELECT _FUNC_('AbCd-123 王伟');", "XxXx-nnn XX")
          .example("SELECT _FUNC_('AbCd-123 王伟', 'X', 'x', 'n', NULL, NULL);", "XxXx-nnn 王伟")
          .example("SELECT _FUNC_('AbCd-123', NULL, NULL, '#', '*');", "AbCd*###")
          .note(
              "Veil counts characters, Spark UTF-16 units: with `other` set, Spark writes two mask characters for"
                  + " an emoji and Veil one.")
          .build(
              1,
              6,
              call -> {
                Map<String, Object> classes =
                    new HashMap<>(
                        Map.of(
                            "keep-first",
                            0,
                            "keep-last",
                            0,
                            "upper",
                            "X",
                            "lower",
                            "x",
                            "digit",
                            "n",
                            "letter",
                            "X"));
                classes.put("other", null); // mask()'s default: other characters kept
                return strings(
                    call,
                    bind(
                        call,
                        "mask",
                        Map.of("upper", 1, "lower", 2, "digit", 3, "other", 4, "letter", 5),
                        classes));
              });

  private static final VeilFunction MASK_EMAIL =
      named("veil_mask_email")
          .operation("mask")
          .group("string_funcs")
          .form(
              "_FUNC_(email[, char])",
              "Keeps the first character of an e-mail address's local part and its domain and replaces the rest"
                  + " with `char`. Where that hides fewer than 4 of the address's letters and digits, or less than a"
                  + " third of them, the whole local part is hidden; where that still does, and for a value without"
                  + " a local part and '@', the value is masked whole.")
          .argument("email", "a string.")
          .argument("char", "a constant one-character string, '*' when omitted.")
          .example("SELECT _FUNC_('zhang.wei@example.com');", "z********@example.com")
          .example("SELECT _FUNC_('li.na@gmail.com');", "*****@gmail.com")
          .example("SELECT _FUNC_('no address');", "**********")
          .build(
              1,
              2,
              call ->
                  strings(
                      call,
                      bind(
                          call,
                          "mask",
                          Map.of("char", 1),
                          Map.of("preset", "email", "char", "*"))));

  private static final VeilFunction TRUNCATE =
      named("veil_truncate")
          .operation("truncate")
          .group("misc_funcs")
          .form(
              "_FUNC_(str, keep_first[, keep_last])",
              "Keeps the first `keep_first` and the last `keep_last` (default 0) characters of a string and drops"
                  + " the rest. A value no longer than that is masked whole with '*', as a mask would; '' stays ''.")
          .form(
              "_FUNC_(date_or_timestamp, unit)",
              "The start of the `unit` the value falls in: 'year' or 'month' for dates; also 'day' and 'hour' for"
                  + " timestamps (in the session time zone).")
          .form(
              "_FUNC_(number, width)",
              "Floors a number to a multiple of `width`, keeping its type.")
          .argument(
              "str",
              "a string; keep_first and keep_last are constant integers, 0 or more, not both 0.")
          .argument(
              "date_or_timestamp", "a DATE, TIMESTAMP or TIMESTAMP_NTZ; unit is a constant string.")
          .argument(
              "number",
              "a numeric value; width is a constant number above 0 (whole for integer types).")
          .example("SELECT _FUNC_('100085', 3);", "100")
          .example("SELECT _FUNC_('13812345678', 3, 4);", "1385678")
          .example("SELECT _FUNC_('Li', 1, 1);", "**")
          .example("SELECT _FUNC_(DATE'1990-07-15', 'year');", "1990-01-01")
          .example("SELECT _FUNC_(TIMESTAMP'2024-03-05 10:42:17', 'hour');", "2024-03-05 10:00:00")
          .example("SELECT _FUNC_(4321, 1000);", "4000")
          .build(2, 3, VeilFunctions::truncate);

  private static final VeilFunction PSEUDONYM =
      named("veil_pseudonym")
          .operation("replace")
          .showingParameters()
          .group("hash_funcs")
          .form(
              "_FUNC_(value, key_name[, prefix[, length[, context]]])",
              "A keyed pseudonym: `prefix` followed by the first `length` hex digits of HMAC-SHA256 of the value"
                  + " under the key. The same value, key and context give the same pseudonym in every table, query and"
                  + " job run, so joins on it still work; without the key nobody can test a guess.")
          .argument(
              "value",
              "a value of any atomic type (non-strings in a session-independent text form).")
          .argument("key_name", KEY_ARGUMENT + " At least 32 bytes.")
          .argument("prefix", "a constant string, '' when omitted.")
          .argument(
              "length",
              "a constant integer from "
                  + Pseudonymizer.MIN_LENGTH
                  + " to "
                  + Pseudonymizer.MAX_LENGTH
                  + ", "
                  + DEFAULT_PSEUDONYM_LENGTH
                  + " when omitted: fewer hex digits would let two values share a"
                  + " pseudonym in large tables.")
          .argument(
              "context",
              "an optional constant string (the job's context setting), such as 'crm.email':"
                  + " pseudonyms with a context equal only those with the same context, so they do not link columns.")
          .example(
              "SELECT _FUNC_('alice@example.com', 'pii') = _FUNC_('alice@example.com', 'pii');",
              "true")
          .example(
              "SELECT _FUNC_('alice@example.com', 'pii', 'user_', 24) RLIKE '^user_[0-9a-f]{24}$';",
              "true")
          .example("SELECT length(_FUNC_(42, 'pii'));", "20")
          .example(
              "SELECT _FUNC_('alice@example.com', 'pii', '', 20, 'crm.email') = _FUNC_('alice@example.com', 'pii');",
              "false")
          .note(KEYS_NOTE)
          .build(
              2,
              5,
              call ->
                  anyAtomic(
                      call,
                      bind(
                          call,
                          "replace",
                          Map.of("key", 1, "prefix", 2, "length", 3, "context", 4),
                          Map.of(
                              "with",
                              "pseudonym",
                              "prefix",
                              "",
                              "length",
                              DEFAULT_PSEUDONYM_LENGTH))));

  private static final VeilFunction FAKE =
      named("veil_fake")
          .operation("replace")
          .showingParameters()
          .group("misc_funcs")
          .form(
              "_FUNC_(value, key_name, dictionary)",
              "A keyed fake value from a dictionary: the same value and key give the same fake in every table, query"
                  + " and job run. Fakes are realistic but not unique (two values may get the same city).")
          .argument("value", "a value of any atomic type.")
          .argument("key_name", KEY_ARGUMENT + " At least 32 bytes.")
          .argument(
              "dictionary", "a constant string, one of " + FakeValues.Kind.acceptedNames() + ".")
          .example(
              "SELECT _FUNC_('alice@example.com', 'pii', 'email') = _FUNC_('alice@example.com', 'pii', 'email');",
              "true")
          .example("SELECT _FUNC_('alice@example.com', 'pii', 'email') LIKE '%@%example%';", "true")
          .example("SELECT char_length(_FUNC_('王伟', 'pii', 'name-zh')) BETWEEN 2 AND 4;", "true")
          .note(KEYS_NOTE)
          .build(
              3,
              3,
              call ->
                  anyAtomic(
                      call,
                      bind(
                          call,
                          "replace",
                          Map.of("key", 1, "dictionary", 2),
                          Map.of("with", "fake"))));

  private static final VeilFunction ENCRYPT =
      named("veil_encrypt")
          .operation("encrypt")
          .showingParameters()
          .form(
              "_FUNC_(value, key_name[, context])",
              "Encrypts with AES-256-GCM under the key's primary version and a random IV, in Veil's envelope (format"
                  + " byte, key version, IV, ciphertext, tag), as base64 text: the same as the job's mode = randomized."
                  + " Each call gives a different ciphertext, so Spark treats it as nondeterministic.")
          .argument(
              "value",
              "a string; other atomic values are encrypted as their string form (cast the decrypted"
                  + " string back).")
          .argument("key_name", KEY_ARGUMENT + " 32 bytes.")
          .argument("context", CONTEXT_ARGUMENT)
          .example("SELECT veil_decrypt(_FUNC_('alice', 'pii'), 'pii');", "alice")
          .example("SELECT _FUNC_('alice', 'pii') = _FUNC_('alice', 'pii');", "false")
          .example(
              "SELECT veil_decrypt(_FUNC_('alice', 'pii', 'customers.name'), 'pii', 'customers.name');",
              "alice")
          .note(KEYS_NOTE)
          .build(
              2,
              3,
              call ->
                  strings(
                      call,
                      bind(
                          call,
                          "encrypt",
                          Map.of("key", 1, "context", 2),
                          Map.of("mode", "randomized", "context", "none"))));

  private static final VeilFunction ENCRYPT_DETERMINISTIC =
      named("veil_encrypt_deterministic")
          .operation("encrypt")
          .showingParameters()
          .form(
              "_FUNC_(value, key_name[, context])",
              "Encrypts with AES-SIV under the key's primary version, in Veil's envelope, as base64 text: the same"
                  + " as the job's mode = deterministic. Equal values give equal ciphertexts, so the result still"
                  + " joins and groups; that equality is all it reveals.")
          .argument("value", "a string; other atomic values are encrypted as their string form.")
          .argument("key_name", KEY_ARGUMENT + " 64 bytes.")
          .argument("context", CONTEXT_ARGUMENT)
          .example("SELECT _FUNC_('alice', 'pii_siv') = _FUNC_('alice', 'pii_siv');", "true")
          .example("SELECT veil_decrypt(_FUNC_('alice', 'pii_siv'), 'pii_siv');", "alice")
          .note(KEYS_NOTE)
          .build(
              2,
              3,
              call ->
                  strings(
                      call,
                      bind(
                          call,
                          "encrypt",
                          Map.of("key", 1, "context", 2),
                          Map.of("mode", "deterministic", "context", "none"))));

  private static final VeilFunction DECRYPT =
      named("veil_decrypt")
          .operation("decrypt")
          .showingParameters()
          .form(
              "_FUNC_(ciphertext, key_name[, context[, envelope]])",
              "Decrypts what veil_encrypt, veil_encrypt_deterministic or the job (string columns, base64, Veil"
                  + " envelope) wrote, reading the mode and key version from the envelope. Returns a string: cast it"
                  + " back for values that were not strings. Fails on a value that does not authenticate (tampered,"
                  + " another key or context). With envelope 'spark' it reads Spark's aes_encrypt GCM layout instead"
                  + " (the job's envelope = spark), under the key's primary version, with the context as the AAD.")
          .argument("ciphertext", "a base64 string.")
          .argument(
              "key_name",
              KEY_ARGUMENT + " Every version the data was written under must be configured.")
          .argument(
              "context",
              CONTEXT_ARGUMENT
                  + " NULL for none. The job binds '<table>.<column path>' to randomized"
                  + " encryption unless its rule sets a context.")
          .argument("envelope", "'veil' (the default) or 'spark'.")
          .example("SELECT _FUNC_(veil_encrypt('alice', 'pii'), 'pii');", "alice")
          .example(
              "SELECT CAST(_FUNC_(veil_encrypt_deterministic(42, 'pii_siv'), 'pii_siv') AS INT) + 1;",
              "43")
          .example("SELECT _FUNC_(NULL, 'pii');", "NULL")
          .example("SELECT _FUNC_(NULL, 'pii', 'customers.name', 'spark');", "NULL")
          .note(KEYS_NOTE)
          .build(2, 4, VeilFunctions::decrypt);

  private static final VeilFunction FPE_ENCRYPT =
      named("veil_fpe_encrypt")
          .operation("encrypt")
          .showingParameters()
          .form(
              "_FUNC_(value, key_name[, alphabet[, context]])",
              "Format-preserving encryption (NIST FF1) under the key's primary version: characters of the alphabet"
                  + " are encrypted, every other character stays in place, and the length is kept. Values need at"
                  + " least a million possible numerals (6 digits, say). The same as the job's mode = format-preserving.")
          .argument("value", "a string.")
          .argument("key_name", KEY_ARGUMENT + " 32 bytes.")
          .argument(
              "alphabet",
              "'digits' (default), 'hex', 'alphanumeric', or a constant string of the characters"
                  + " themselves, in order.")
          .argument(
              "context",
              "an optional constant string used as the FF1 tweak: decrypting needs the same one.")
          .example(
              "SELECT regexp_replace(_FUNC_('138-1234-5678', 'pii'), '[0-9]', '#');",
              "###-####-####")
          .example(
              "SELECT veil_fpe_decrypt(_FUNC_('138-1234-5678', 'pii'), 'pii');", "138-1234-5678")
          .note(
              KEYS_NOTE
                  + " The version used is not in the output: with versioned keys, make the version data was"
                  + " written under primary to decrypt it.")
          .build(
              2,
              4,
              call ->
                  strings(
                      call,
                      bind(
                          call,
                          "encrypt",
                          Map.of("key", 1, "alphabet", 2, "context", 3),
                          Map.of(
                              "mode",
                              "format-preserving",
                              "alphabet",
                              "digits",
                              "context",
                              "none"))));

  private static final VeilFunction FPE_DECRYPT =
      named("veil_fpe_decrypt")
          .operation("decrypt")
          .showingParameters()
          .form(
              "_FUNC_(ciphertext, key_name[, alphabet[, context]])",
              "Reverses veil_fpe_encrypt (or the job's format-preserving encryption) with the same key, alphabet"
                  + " and context.")
          .argument("ciphertext", "a string.")
          .argument("key_name", KEY_ARGUMENT + " 32 bytes; the primary version is used.")
          .argument("alphabet", "as given to veil_fpe_encrypt, 'digits' when omitted.")
          .argument("context", "as given to veil_fpe_encrypt.")
          .example(
              "SELECT _FUNC_(veil_fpe_encrypt('110105194910010021', 'pii', 'digits', 'id'), 'pii', 'digits', 'id');",
              "110105194910010021")
          .note(KEYS_NOTE)
          .build(2, 4, VeilFunctions::formatPreservingDecryption);

  private static final String SHIFT_ARGUMENTS_NOTE =
      "The offset is uniform in [-max_days, -min_days] and [min_days, max_days] and comes from"
          + " HMAC-SHA256 of by_value (as text) under the key, so every date of one person moves by"
          + " the same number of days, in every table, query and job run, and the intervals between"
          + " them survive. Timestamps keep their time of day in the session time zone.";

  private static final VeilFunction SHIFT = shiftFunction("veil_shift", "shift", false);
  private static final VeilFunction UNSHIFT = shiftFunction("veil_unshift", "unshift", true);

  /** veil_shift or, {@code undo}, veil_unshift: the same arguments, the other op. */
  private static VeilFunction shiftFunction(String name, String op, boolean undo) {
    VeilFunction.Documentation doc =
        named(name)
            .operation(op)
            .showingParameters()
            .group("datetime_funcs")
            .form(
                "_FUNC_(date_or_ts, by_value, key_name, max_days[, min_days])",
                undo
                    ? "The date or timestamp veil_shift moved with the same by_value, key and days,"
                        + " moved back."
                    : "The date or timestamp moved by a keyed offset per person, never 0 days.")
            .argument("date_or_ts", "a DATE, TIMESTAMP or TIMESTAMP_NTZ.")
            .argument(
                "by_value", "the person's identifier, a value of any atomic type; null gives null.")
            .argument("key_name", KEY_ARGUMENT + " At least 32 bytes.")
            .argument("max_days", "a constant integer from 1 to 36500, the largest offset.")
            .argument("min_days", "a constant integer from 1 to max_days, 1 when omitted.");
    if (undo) {
      doc.example(
              "SELECT _FUNC_(veil_shift(DATE'2024-03-01', 'p-7', 'pii', 365), 'p-7', 'pii', 365);",
              "2024-03-01")
          .example(
              "SELECT _FUNC_(veil_shift(TIMESTAMP_NTZ'2024-03-01 08:30:00', 42, 'pii', 30, 7),"
                  + " 42, 'pii', 30, 7);",
              "2024-03-01 08:30:00");
    } else {
      doc.example("SELECT _FUNC_(DATE'2024-03-01', 'p-7', 'pii', 365) <> DATE'2024-03-01';", "true")
          .example(
              "SELECT datediff(_FUNC_(DATE'2024-03-09', 'p-7', 'pii', 365),"
                  + " _FUNC_(DATE'2024-03-01', 'p-7', 'pii', 365));",
              "8")
          .example(
              "SELECT abs(datediff(_FUNC_(DATE'2024-03-01', 'p-7', 'pii', 30, 10),"
                  + " DATE'2024-03-01')) BETWEEN 10 AND 30;",
              "true");
    }
    return doc.note(SHIFT_ARGUMENTS_NOTE + " " + KEYS_NOTE).build(4, 5, call -> shift(call, op));
  }

  private static final VeilFunction NOISE =
      named("veil_noise")
          .operation("noise")
          .showingParameters()
          .group("math_funcs")
          .form(
              "_FUNC_(number, key_name, distribution, scale[, by_value])",
              "The number plus keyed noise, of the number's type: the same value (and by_value) gets"
                  + " the same noise in every query and job run, so repeating a query reveals nothing.")
          .argument("number", "a value of any numeric type; null gives null.")
          .argument("key_name", KEY_ARGUMENT + " At least 32 bytes.")
          .argument(
              "distribution",
              "'laplace', 'gaussian' (scale is the standard deviation) or 'uniform' (within"
                  + " plus or minus scale).")
          .argument("scale", "a constant number above 0.")
          .argument(
              "by_value",
              "optional: a row or person identity of any atomic type; with it, equal numbers of"
                  + " different identities get independent noise.")
          .example(
              "SELECT _FUNC_(1000, 'pii', 'laplace', 50) = _FUNC_(1000, 'pii', 'laplace', 50);",
              "true")
          .example("SELECT abs(_FUNC_(1000, 'pii', 'uniform', 50) - 1000) <= 50;", "true")
          .example(
              "SELECT typeof(_FUNC_(CAST(12.50 AS DECIMAL(6,2)), 'pii', 'gaussian', 2));",
              "decimal(6,2)")
          .note(KEYS_NOTE)
          .build(4, 5, VeilFunctions::noise);

  private static final VeilFunction GENERALIZE =
      named("veil_generalize")
          .operation("generalize")
          .showingParameters()
          .group("misc_funcs")
          .form(
              "_FUNC_(value, spec)",
              "A coarser value: a number's band, a date's band of age at a reference date, or a"
                  + " string's prefix with the rest as *.")
          .argument(
              "value", "a number, date, timestamp or string, as the spec takes; null gives null.")
          .argument(
              "spec",
              "a constant string: 'bands=0,18,25,35,50,65' (labels '25-34', '65+'), with"
                  + " ';labels=false' for the lower bound in the value's type, with"
                  + " ';reference-date=2026-01-01' for dates (age in whole years); or 'keep-first=3'.")
          .example("SELECT _FUNC_(29, 'bands=0,18,25,35,50,65');", "25-34")
          .example("SELECT _FUNC_(70, 'bands=0,18,25,35,50,65');", "65+")
          .example("SELECT _FUNC_(29, 'bands=0,18,25,35;labels=false');", "25")
          .example(
              "SELECT _FUNC_(DATE'1990-06-15', 'bands=0,18,30,45,65;reference-date=2026-01-01');",
              "30-44")
          .example("SELECT _FUNC_('100085', 'keep-first=3');", "100***")
          .build(2, 2, VeilFunctions::generalize);

  private static final VeilFunction REDACT =
      named("veil_redact")
          .operation("redact")
          .showingParameters()
          .group("string_funcs")
          .form(
              "_FUNC_(text[, style[, key_name[, types]]])",
              "The text with each e-mail address, phone number, mainland ID number, US Social"
                  + " Security number, UK National Insurance number, bank card number, IBAN, IP"
                  + " or MAC address, coordinate pair and Chinese or US postal address found in it"
                  + " (validated, not matched by pattern alone) replaced; every other character is"
                  + " kept.")
          .argument("text", "a string; null gives null.")
          .argument(
              "style",
              "'type' (the default: [EMAIL], [PHONE]...), 'mask' (the type's mask) or 'pseudonym'"
                  + " ([EMAIL:3f9c...], the pseudonym veil_pseudonym gives the same text).")
          .argument("key_name", KEY_ARGUMENT + " For 'pseudonym' only; at least 32 bytes.")
          .argument(
              "types",
              "a constant string listing the types redacted, comma-separated (all when omitted):"
                  + " email, phone, id-card, bank-card, iban, ip-address.")
          .example(
              "SELECT _FUNC_('Call 13812345678 or mail li.wei@example.com, order 20240115');",
              "Call [PHONE] or mail [EMAIL], order 20240115")
          .example(
              "SELECT _FUNC_('mail zhang.wei.88@example.com', 'mask');",
              "mail z***********@example.com")
          .example(
              "SELECT _FUNC_('from 10.1.2.3 or 13812345678', 'type', NULL, 'ip-address');",
              "from [IP_ADDRESS] or 13812345678")
          .example(
              "SELECT _FUNC_('a@example.com', 'pseudonym', 'pii')"
                  + " = concat('[EMAIL:', veil_pseudonym('a@example.com', 'pii'), ']');",
              "true")
          .note(KEYS_NOTE)
          .build(1, 4, VeilFunctions::redact);

  private static final List<VeilFunction> ALL =
      List.of(
          MASK,
          MASK_CLASSES,
          MASK_EMAIL,
          TRUNCATE,
          SHIFT,
          UNSHIFT,
          NOISE,
          GENERALIZE,
          REDACT,
          PSEUDONYM,
          FAKE,
          ENCRYPT,
          ENCRYPT_DETERMINISTIC,
          DECRYPT,
          FPE_ENCRYPT,
          FPE_DECRYPT);

  /**
   * {@code spark.veil.decrypt.enabled} (default true): false leaves veil_decrypt and
   * veil_fpe_decrypt registered (DESCRIBE FUNCTION still documents them) but refuses them at
   * analysis, so a shared server can offer encryption without decryption. Registered with Spark as
   * a static setting, so a session's {@code SET} of it fails instead of seeming to work.
   */
  static final String DECRYPT_ENABLED = "spark.veil.decrypt.enabled";

  static {
    SQLConf$.MODULE$.registerStaticConfigKey(DECRYPT_ENABLED);
  }

  private VeilFunctions() {}

  /**
   * Registers every function in {@code spark}'s session. Functions already registered by this class
   * (through the extensions or an earlier call) are left as they are.
   */
  public static void register(SparkSession spark) {
    register(spark.sessionState().functionRegistry());
  }

  static void register(FunctionRegistry registry) {
    for (VeilFunction f : ALL) {
      Option<ExpressionInfo> existing = registry.lookupFunction(f.identifier());
      if (existing.isEmpty() || existing.get() != f.info()) {
        registry.registerFunction(f.identifier(), f.info(), f.builder());
      }
    }
  }

  /** Adds every function to the extensions Spark applies to each new session. */
  static void inject(SparkSessionExtensions extensions) {
    for (VeilFunction f : ALL) {
      extensions.injectFunction(new Tuple3<>(f.identifier(), f.info(), f.builder()));
    }
  }

  /** The names of all functions, in registry order. */
  public static List<String> names() {
    return ALL.stream().map(VeilFunction::name).toList();
  }

  static List<VeilFunction> all() {
    return ALL;
  }

  // ---- builders shared by several functions

  /** A string operation on the call's first argument, shown as the call. */
  private static Expression strings(FunctionCall call, ColumnOperation op) {
    Column value = call.stringValue(0);
    return ColumnExpressions.asCall(
        op.apply(value, DataTypes.StringType),
        call.name(),
        ColumnExpressions.expression(value),
        call.shownParameters());
  }

  /** An operation taking values of any atomic type (pseudonyms, fakes). */
  private static Expression anyAtomic(FunctionCall call, ColumnOperation op) {
    DataType type = call.argument(0).dataType();
    if (!SparkTypes.isAtomic(type)) {
      throw call.wrongType(0, "atomic (not ARRAY, MAP or STRUCT)");
    }
    Column value = ColumnExpressions.column(call.argument(0));
    return ColumnExpressions.asCall(
        op.apply(value, type), call.name(), call.argument(0), call.shownParameters());
  }

  /** Keyed noise on the call's number, with the identity of its fifth argument when given. */
  private static Expression noise(FunctionCall call) {
    DataType type = call.argument(0).dataType();
    NoiseOperation bound =
        (NoiseOperation)
            bind(call, "noise", Map.of("key", 1, "distribution", 2, "scale", 3), Map.of());
    if (bound.rejectType(type) != null) {
      throw call.wrongType(0, "a numeric type");
    }
    NoiseOperation noise = bound;
    if (call.count() > 4) {
      if (!SparkTypes.isAtomic(call.argument(4).dataType())) {
        throw call.wrongType(4, "atomic (not ARRAY, MAP or STRUCT)");
      }
      noise = bound.by(ColumnExpressions.column(call.argument(4)));
    }
    return ColumnExpressions.named(
        noise.apply(ColumnExpressions.column(call.argument(0)), type),
        call.name(),
        call.argument(0),
        call.shownParameters());
  }

  /** The spec's settings, read by the op's definition as a job's rule is. */
  private static Expression generalize(FunctionCall call) {
    String spec = call.constantString(1, "spec", false);
    Map<String, Object> form = new HashMap<>();
    form.put("labels", Boolean.TRUE);
    for (String part : spec.split(";")) {
      int eq = part.indexOf('=');
      String name = eq < 0 ? part.trim() : part.substring(0, eq).trim();
      String value = eq < 0 ? "" : part.substring(eq + 1).trim();
      try {
        switch (name) {
          case "bands" ->
              form.put(
                  "bands",
                  java.util.Arrays.stream(value.split(","))
                      .map(v -> new java.math.BigDecimal(v.trim()))
                      .toList());
          case "labels" -> {
            if (!value.equals("true") && !value.equals("false")) {
              throw call.invalid("spec", "labels takes true or false");
            }
            form.put("labels", Boolean.valueOf(value));
          }
          case "reference-date" -> form.put("reference-date", value);
          case "keep-first" -> form.put("keep-first", Integer.valueOf(value));
          default ->
              throw call.invalid(
                  "spec",
                  "unknown setting '" + name + "' (bands, labels, reference-date, keep-first)");
        }
      } catch (NumberFormatException e) {
        throw call.invalid("spec", name + " takes numbers");
      }
    }
    if (form.containsKey("keep-first")) {
      form.remove("labels");
    } else {
      form.put("on-invalid", "null"); // as SQL functions do with values they have no answer for
    }
    ColumnOperation op = bind(call, "generalize", Map.of(), form);
    DataType type = call.argument(0).dataType();
    String why = op.rejectType(type);
    if (why != null) {
      throw call.invalid("spec", why + " (got " + type.sql() + ")");
    }
    return ColumnExpressions.named(
        op.apply(ColumnExpressions.column(call.argument(0)), type),
        call.name(),
        call.argument(0),
        call.shownParameters());
  }

  /** Redaction of the call's text; types come as one comma-separated constant. */
  private static Expression redact(FunctionCall call) {
    Map<String, Object> form = new HashMap<>();
    form.put("with", "type");
    if (call.count() > 3) {
      String types = call.constantString(3, "types", true);
      if (types != null) {
        form.put("types", java.util.Arrays.stream(types.split(",")).map(String::trim).toList());
      }
    }
    Map<String, Integer> arguments = new HashMap<>();
    arguments.put("with", 1);
    if (call.count() > 2 && !isNullLiteral(call.argument(2))) {
      arguments.put("key", 2);
    }
    return strings(call, bind(call, "redact", arguments, form));
  }

  private static boolean isNullLiteral(Expression e) {
    return e.foldable() && e.eval(null) == null;
  }

  /** A shift of the call's date by the offset of its second argument, the person's identifier. */
  private static Expression shift(FunctionCall call, String op) {
    DataType type = call.argument(0).dataType();
    DataType byType = call.argument(1).dataType();
    if (!SparkTypes.isAtomic(byType)) {
      throw call.wrongType(1, "atomic (not ARRAY, MAP or STRUCT)");
    }
    ShiftOperation bound =
        (ShiftOperation)
            bind(
                call,
                op,
                Map.of("key", 2, "max-days", 3, "min-days", 4),
                Map.of("by", "by_value", "min-days", 1, "unit", "days", "on-invalid", "null"));
    if (bound.rejectType(type) != null) {
      throw call.wrongType(0, "DATE, TIMESTAMP or TIMESTAMP_NTZ");
    }
    ShiftOperation shift = bound.by(ColumnExpressions.column(call.argument(1)));
    return ColumnExpressions.named(
        shift.apply(ColumnExpressions.column(call.argument(0)), type),
        call.name(),
        call.argument(0),
        call.shownParameters());
  }

  private static int character(FunctionCall call, int i, String parameter) {
    Integer c = call.constantCharacter(i, parameter);
    if (c == null) {
      throw call.unexpectedNull(parameter);
    }
    return c;
  }

  private static int orKeep(Integer codePoint) {
    return codePoint == null ? Masker.KEEP : codePoint;
  }

  private static Expression truncate(FunctionCall call) {
    DataType type = call.argument(0).dataType();
    boolean temporal =
        type instanceof DateType
            || type instanceof TimestampType
            || type instanceof TimestampNTZType;
    if (!temporal && !(type instanceof NumericType)) {
      return strings(
          call,
          bind(
              call,
              "truncate",
              Map.of("keep-first", 1, "keep-last", 2),
              Map.of("keep-last", 0, "on-invalid", "mask")));
    }
    if (call.count() > 2) {
      throw call.invalid("keep_last", "applies to strings only, not " + type.sql());
    }
    String parameter = temporal ? "unit" : "width";
    ColumnOperation op = bind(call, "truncate", Map.of(parameter, 1), Map.of());
    String why = op.rejectType(type);
    if (why != null) {
      throw call.invalid(parameter, why + " (got " + type.sql() + ")");
    }
    return ColumnExpressions.asCall(
        op.apply(ColumnExpressions.column(call.argument(0)), type),
        call.name(),
        call.argument(0),
        call.shownParameters());
  }

  /**
   * The operation a call asks for, read, checked and bound by the op's own definition, exactly as a
   * job's column rule is, and applied by the very expression the job builds for it.
   *
   * @param arguments which argument gives which parameter
   * @param form the parameters the function's form fixes, and the values of arguments left out
   */
  private static ColumnOperation bind(
      FunctionCall call, String op, Map<String, Integer> arguments, Map<String, Object> form) {
    OperationDefinition definition = Operations.named(op).orElseThrow();
    OperationSettings settings = definition.read(new CallParameters(call, arguments, form));
    try {
      return definition
          .bind(settings, Binding.forFunction(call.name(), new SessionKeyLookup(call)))
          .operation();
    } catch (KeyMismatchException e) {
      throw call.invalid("key_name", e.inQuery());
    }
  }

  /** The keys a call names: the application's static conf, never a session's. */
  private static final class SessionKeyLookup implements KeyLookup {
    private final FunctionCall call;

    SessionKeyLookup(FunctionCall call) {
      this.call = call;
    }

    @Override
    public Keyset keyset(String name) {
      return VeilFunctions.keyset(call, name);
    }

    @Override
    public void claim(String key, String purpose, String place) {
      // A query names each key for one use; the job checks uses across a whole config.
    }

    @Override
    public void reading(String key, Integer version, String reader) {
      Keyset k = keyset(key);
      warnIfCompromised(
          call,
          k,
          version == null
              ? k.compromised()
              : k.compromised().contains(version) ? Set.of(version) : Set.of());
    }
  }

  private static Expression decrypt(FunctionCall call) {
    requireDecryption(call);
    Keyset key = keyset(call, 1);
    warnIfCompromised(call, key, key.compromised());
    String context = call.count() > 2 ? call.constantString(2, "context", call.count() > 3) : null;
    String envelope = call.count() > 3 ? call.constantString(3, "envelope", false) : "veil";
    String label = label(call, key);
    if (envelope.equals("spark")) {
      return sparkEnvelope(call, key, context, label);
    } else if (!envelope.equals("veil")) {
      throw call.notOneOf("envelope", envelope, List.of("veil", "spark"));
    }
    ColumnEncryption randomized = openingOrNull(key, ColumnCipher.Mode.RANDOMIZED, context, label);
    ColumnEncryption deterministic =
        openingOrNull(key, ColumnCipher.Mode.DETERMINISTIC, context, label);
    String sizes =
        key.versions().values().stream()
                .map(k -> String.valueOf(k.length()))
                .distinct()
                .collect(Collectors.joining(" and "))
            + "-byte versions";
    if (randomized == null && deterministic == null) {
      throw call.invalid(
          "key_name",
          "key "
              + key.name()
              + " has "
              + sizes
              + "; Veil ciphertext needs 32 bytes (veil_encrypt) or 64 (veil_encrypt_deterministic)");
    }
    EnvelopeDecryption d = new EnvelopeDecryption(randomized, deterministic, label, sizes);
    UDF1<String, String> f = d::open;
    return strings(call, new StringOperation("decrypt", "veil_decrypt", f, null));
  }

  /**
   * Spark's aes_encrypt layout names no key version: it is read under the primary one, so the key
   * stays named in the query instead of its bytes being written into it as aes_decrypt needs.
   */
  private static Expression sparkEnvelope(
      FunctionCall call, Keyset key, String context, String label) {
    ColumnCipher cipher =
        sized(
            call,
            key,
            "aes-256",
            () ->
                ColumnCipher.create(
                    ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.SPARK, key, context));
    ColumnEncryption e =
        ColumnEncryption.of(cipher, DataTypes.StringType, false, label, false).withInvalidHint("");
    UDF1<String, String> f = v -> v == null ? null : (String) e.open(v);
    return strings(call, new StringOperation("decrypt", "veil_decrypt", f, null));
  }

  private static ColumnEncryption openingOrNull(
      Keyset key, ColumnCipher.Mode mode, String context, String label) {
    for (KeyMaterial k : key.versions().values()) {
      if (k.length() != mode.keySize()) {
        return null;
      }
    }
    ColumnCipher cipher = ColumnCipher.create(mode, ColumnCipher.Envelope.VEIL, key, context);
    return ColumnEncryption.of(cipher, DataTypes.StringType, false, label, false)
        .withInvalidHint("");
  }

  private static Expression formatPreservingDecryption(FunctionCall call) {
    requireDecryption(call);
    Keyset key = keyset(call, 1);
    warnIfCompromised(
        call,
        key,
        key.compromised().contains(key.primaryVersion()) ? Set.of(key.primaryVersion()) : Set.of());
    Alphabet alphabet = call.count() > 2 ? alphabet(call, 2) : Alphabet.DIGITS;
    String context = call.count() > 3 ? call.constantString(3, "context", false) : null;
    if (key.primary().length() != FormatPreservingEncryption.KEY_SIZE) {
      throw call.invalid(
          "key_name",
          "key "
              + key.name()
              + " version "
              + key.primaryVersion()
              + " has "
              + key.primary().length()
              + " bytes, expected "
              + FormatPreservingEncryption.KEY_SIZE
              + " for format-preserving encryption (veil keygen prints one)");
    }
    FormatPreservingEncryption fpe =
        new FormatPreservingEncryption(key.primary(), alphabet, context);
    ColumnEncryption e =
        ColumnEncryption.formatPreserving(fpe, label(call, key), false).withInvalidHint("");
    return strings(call, new DecryptOperation(e, DataTypes.StringType));
  }

  private static Alphabet alphabet(FunctionCall call, int i) {
    String name = call.constantString(i, "alphabet", false);
    try {
      return Alphabet.named(name);
    } catch (IllegalArgumentException e) {
      throw call.invalid(
          "alphabet",
          e.getMessage() + "; use digits, hex, alphanumeric or the characters" + " themselves");
    }
  }

  // ---- keys

  /**
   * The key named by a constant argument, resolved on the driver from the application's static conf
   * (the SparkContext's), with the session's own settings checked against it and credentials from
   * the application's Hadoop conf: see {@link SessionKeys} for why never a session's.
   */
  private static Keyset keyset(FunctionCall call, int i) {
    return keyset(call, call.constantString(i, "key_name", false));
  }

  private static Keyset keyset(FunctionCall call, String name) {
    SparkContext context = SparkSession.active().sparkContext();
    Map<String, String> application = new HashMap<>();
    for (Tuple2<String, String> e : context.getConf().getAll()) {
      if (e._1().startsWith(SessionKeys.PREFIX)
          || SessionKeys.CREDENTIAL_PROVIDER_PATHS.contains(e._1())) {
        application.put(e._1(), e._2());
      }
    }
    Map<String, String> session = CollectionConverters.asJava(SQLConf.get().getAllConfs());
    KeyResolver resolver =
        KeyResolver.fromEnvironment(new HadoopCredentials(context.hadoopConfiguration()))
            .with(org.apache.hadoop.conf.Configuration.class, context.hadoopConfiguration());
    try {
      return SessionKeys.keyset(call.name(), name, application, session, resolver);
    } catch (SessionKeys.InvalidSetting e) {
      throw call.invalidKeySetting(e.confName(), e.shownValue(), e.getMessage());
    } catch (IllegalArgumentException e) {
      throw call.invalid("key_name", e.getMessage());
    }
  }

  /**
   * Refuses veil_decrypt and veil_fpe_decrypt when the application turned decryption off; a value
   * that is neither true nor false refuses them too, as a typo must not turn decryption on.
   */
  private static void requireDecryption(FunctionCall call) {
    String value =
        SparkSession.active().sparkContext().getConf().get(DECRYPT_ENABLED, "true").trim();
    if (value.equalsIgnoreCase("false")) {
      throw call.disabled("decryption in SQL", DECRYPT_ENABLED);
    }
    if (!value.equalsIgnoreCase("true")) {
      throw call.invalidKeySetting(
          DECRYPT_ENABLED, SessionKeys.NOT_SHOWN, "It must be true or false.");
    }
  }

  /** Says once per JVM that a function reads values under a version its conf marks compromised. */
  private static void warnIfCompromised(FunctionCall call, Keyset key, Set<Integer> read) {
    for (int v : read) {
      KeyWarnings.standardError()
          .once(
              "sql compromised " + key.name() + " " + v,
              call.name()
                  + " reads key "
                  + key.name()
                  + ", whose version "
                  + v
                  + " "
                  + SessionKeys.PREFIX
                  + key.name()
                  + ".v"
                  + v
                  + ".compromised"
                  + " marks compromised: re-encrypt what it protects under a version that is not compromised, then remove"
                  + " version "
                  + v);
    }
  }

  /** Runs a cipher's constructor, turning a wrong key size into a message naming the key. */
  private static <T> T sized(FunctionCall call, Keyset key, String keygenType, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw call.invalid(
          "key_name",
          "key "
              + key.name()
              + " "
              + e.getMessage()
              + " (veil keygen --type "
              + keygenType
              + " prints one)");
    }
  }

  private static String label(FunctionCall call, Keyset key) {
    return call.name() + " (key " + key.name() + ")";
  }
}
