package org.securechannel.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vector reader's JSON subset: what Wycheproof files use, and refusal of what is malformed. */
class JsonTest {

    @Test
    void readsNestedValues() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", List.of(1L, -2L, new BigDecimal("3.5"), true, false));
        expected.put("b", Map.of("c", ""));
        expected.put("d", null);
        assertEquals(expected, Json.parse(" {\"a\": [1, -2, 3.5, true, false], \"b\": {\"c\": \"\"}, \"d\": null}\n"));
        assertEquals(List.of(), Json.parse("[]"));
        assertEquals(Map.of(), Json.parse("{ }"));
    }

    @Test
    void decodesEscapes() {
        assertEquals("q\" b\\ s/ \b\f\n\r\t é", Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\""));
    }

    @Test
    void refusesMalformedInput() {
        for (String bad : Arrays.asList("", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "[1] 2", "\"\\x\"", "01x")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }
}
