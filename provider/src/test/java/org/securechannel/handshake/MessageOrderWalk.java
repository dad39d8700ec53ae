package org.securechannel.handshake;

import java.util.List;
import java.util.Set;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.HandshakeType;
import org.securechannel.record.RawHandshake;

/** Walks one state's row of the message-order table for either version's test: every other type is refused. */
public final class MessageOrderWalk {
    /** One message in a fresh instance of the state under test, through the version's driver. */
    public interface Receive {
        Object receive(RawHandshake message) throws AlertException;
    }

    private static final int[] BODY_LENGTHS = {0, 1, 32, 48};

    private MessageOrderWalk() {
    }

    /** A message of {@code type} with a plausible body (a state that parsed before checking would not fail on length). */
    public static RawHandshake message(HandshakeType type, int bodyLength) {
        byte[] encoded = new byte[4 + bodyLength];
        encoded[0] = (byte) type.code();
        encoded[1] = (byte) (bodyLength >>> 16);
        encoded[2] = (byte) (bodyLength >>> 8);
        encoded[3] = (byte) bodyLength;
        return new RawHandshake(type, encoded);
    }

    /**
     * Every type outside {@code legal}, with several body lengths, must be unexpected_message and nothing else;
     * what is not goes into {@code problems}. Returns how many messages were tried.
     */
    public static int refusesEveryOtherType(String state, Set<HandshakeType> legal, Receive r, List<String> problems) {
        int tried = 0;
        for (HandshakeType type : HandshakeType.values()) {
            if (legal.contains(type)) {
                continue;
            }
            for (int bodyLength : BODY_LENGTHS) {
                tried++;
                try {
                    Object next = r.receive(message(type, bodyLength));
                    problems.add(state + " accepted " + type + " (next state " + next + ")");
                } catch (AlertException e) {
                    if (e.alert() != AlertDescription.UNEXPECTED_MESSAGE) {
                        problems.add(state + " answered " + type + " with " + e.alert() + ": " + e.getMessage());
                    }
                } catch (RuntimeException e) {
                    problems.add(state + " threw " + e + " for " + type);
                }
            }
        }
        return tried;
    }
}
