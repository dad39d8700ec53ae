package org.securechannel.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.ContentType;

/**
 * The scratch a record is read into starts at the first record's size (a handshake reads a handful of small
 * records), and grows by doubling: a peer sending ever larger records causes a handful of allocations, not one
 * per record.
 */
class RecordLayerScratchTest {
    @Test
    void everLargerRecordsReallocateTheScratchOnlyAFewTimes() throws Exception {
        RecordLayer records = new RecordLayer();
        int reallocations = 0;
        int capacity = 0;
        for (int length = 600; length <= 16384; length += 97) {
            ByteBuffer in = ByteBuffer.allocate(5 + length);
            in.put((byte) ContentType.HANDSHAKE.code()).put((byte) 3).put((byte) 3).putShort((short) length);
            in.put(new byte[length]).flip();
            ByteBuffer content = records.readToScratch(in);
            assertEquals(length, content.remaining());
            assertEquals(0, in.remaining());
            if (records.scratchCapacity() != capacity) {
                reallocations++;
                capacity = records.scratchCapacity();
            }
        }
        assertTrue(reallocations <= 7, reallocations + " reallocations for 164 ever larger records");
    }
}
