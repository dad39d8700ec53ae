package org.securechannel.cli;

/** Entry point of {@code java -jar securechannel-cli.jar COMMAND}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("usage: securechannel-cli demo|server|client ...");
        System.exit(2);
    }
}
