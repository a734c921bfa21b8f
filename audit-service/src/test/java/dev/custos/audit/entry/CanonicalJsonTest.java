package dev.custos.audit.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  // Expected strings are what Node.js 20 prints for String(x) of the double with these bits.
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "0010000000000000, 2.2250738585072014e-308",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "44b52d02c7e14af6, 1e+23",
    "444b1ae4d6e2ef50, 1e+21",
    "4415af1d78b58c40, 100000000000000000000",
    "438f67ea69ed3795, 282879384806159000",
    "43e0000000000000, 9223372036854776000",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "3eb4b3fd5942cd96, 0.000001234",
    "3ea0c6f7a0b5ed8d, 5e-7",
    "3e7ad7f29abcaf48, 1e-7",
    "3e8091f1667f0595, 1.2345678901234566e-7",
    "3fd3333333333334, 0.30000000000000004",
    "3fd5555555555555, 0.3333333333333333",
    "bff8000000000000, -1.5",
    "4011666666666666, 4.35",
    "419d6f3454800000, 123456789.125",
    "c55469226e286701, -9.87e+25",
    "7e51eb2d66005835, 3e+300"
  })
  void doublesFormatAsEcmaScript(String bits, String expected) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

    assertThat(CanonicalJson.toText(DoubleNode.valueOf(value))).isEqualTo(expected);
  }

  @Test
  void shortestDigitsWhereJavaIsLonger() {
    // Java 17's Double.toString prints 9.999999999999999E22 and 2.82879384806159008E17.
    assertThat(CanonicalJson.formatDouble(1e23)).isEqualTo("1e+23");
    assertThat(CanonicalJson.formatDouble(2.82879384806159e17)).isEqualTo("282879384806159000");
  }

  @Test
  void integersFormatWithoutFraction() throws Exception {
    JsonNode numbers = JSON.readTree("[0, -0, 1, -42, 1000000, 9007199254740992, 1.0, 2.50]");

    assertThat(CanonicalJson.toText(numbers))
        .isEqualTo("[0,0,1,-42,1000000,9007199254740992,1,2.5]");
  }

  @Test
  void integersBeyondDoublePrecisionRejected() {
    JsonNode tooLarge = LongNode.valueOf(9007199254740993L);
    JsonNode huge = BigIntegerNode.valueOf(BigInteger.TEN.pow(30));

    assertThatThrownBy(() -> CanonicalJson.encode(tooLarge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9007199254740993");
    assertThatThrownBy(() -> CanonicalJson.encode(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2^53");
  }

  @Test
  void nonFiniteNumbersRejected() {
    assertThatThrownBy(() -> CanonicalJson.encode(DoubleNode.valueOf(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not finite");
    assertThatThrownBy(() -> CanonicalJson.encode(DoubleNode.valueOf(Double.NEGATIVE_INFINITY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not finite");
  }

  @Test
  void keysSortByUtf16CodeUnits() {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    // Inserted out of order. U+1F600 is the surrogate pair D83D DE00, so it sorts before U+FB33
    // by UTF-16 code units although its code point is larger.
    object.put("\ufb33", "hebrew");
    object.put("\ud83d\ude00", "emoji");
    object.put("\u20ac", "euro");
    object.put("\u00f6", "o-umlaut");
    object.put("\u0080", "control");
    object.put("b", "b");
    object.put("a", "a");
    object.put("10", "ten");
    object.put("1", "one");
    object.put("\r", "cr");

    assertThat(CanonicalJson.toText(object))
        .isEqualTo(
            "{\"\\r\":\"cr\",\"1\":\"one\",\"10\":\"ten\",\"a\":\"a\",\"b\":\"b\","
                + "\"\u0080\":\"control\",\"\u00f6\":\"o-umlaut\",\"\u20ac\":\"euro\","
                + "\"\ud83d\ude00\":\"emoji\",\"\ufb33\":\"hebrew\"}");
  }

  @Test
  void nestedObjectsSortedAndCompact() throws Exception {
    JsonNode value =
        JSON.readTree(
            "{ \"z\": [3, {\"y\": null, \"x\": true}], \"a\": { \"c\": false, \"b\": \"text\" } }");

    assertThat(CanonicalJson.toText(value))
        .isEqualTo("{\"a\":{\"b\":\"text\",\"c\":false},\"z\":[3,{\"x\":true,\"y\":null}]}");
  }

  @Test
  void stringsUseMinimalEscapes() {
    String text =
        "quote\" backslash\\ slash/ \b\f\n\r\t \u0000\u001f\u007f \u2028 \u00e9 \ud83d\ude00";

    assertThat(CanonicalJson.toText(TextNode.valueOf(text)))
        .isEqualTo(
            "\"quote\\\" backslash\\\\ slash/ \\b\\f\\n\\r\\t \\u0000\\u001f\u007f \u2028 \u00e9"
                + " \ud83d\ude00\"");
  }

  @Test
  void outputIsUtf8() {
    byte[] bytes = CanonicalJson.encode(TextNode.valueOf("\u20ac"));

    assertThat(bytes).containsExactly('"', 0xe2, 0x82, 0xac, '"');
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\"\u20ac\"");
  }

  @Test
  void unpairedSurrogateRejected() {
    assertThatThrownBy(() -> CanonicalJson.encode(TextNode.valueOf("a\ud83d")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired UTF-16 surrogate at index 1");
    assertThatThrownBy(() -> CanonicalJson.encode(TextNode.valueOf("\ude00b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 0");
  }

  @Test
  void binaryNodeRejected() {
    JsonNode binary = JsonNodeFactory.instance.binaryNode(new byte[] {1, 2});

    assertThatThrownBy(() -> CanonicalJson.encode(binary))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BINARY");
  }

  @Test
  void sameValueSameBytes() throws Exception {
    JsonNode first = JSON.readTree("{\"b\": 1e2, \"a\": [1.50, \"\\u0041\"]}");
    JsonNode second = JSON.readTree("{\"a\":[1.5,\"A\"],\"b\":100}");

    assertThat(CanonicalJson.encode(first)).isEqualTo(CanonicalJson.encode(second));
  }
}
