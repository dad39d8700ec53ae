package org.securechannel.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every row of the message-order table belongs to a state that one of the two versions' tests walks. */
class MessageOrderTableTest {
    @Test
    void everyRowIsWalked() {
        Set<MessageOrder> walked = EnumSet.noneOf(MessageOrder.class);
        walked.addAll(org.securechannel.handshake.tls13.MessageOrderTest.rowsCovered());
        walked.addAll(org.securechannel.handshake.tls12.MessageOrderTest.rowsCovered());
        assertEquals(EnumSet.allOf(MessageOrder.class), walked);
    }
}
