package hudson.console;

public class HyperlinkNote {
    private HyperlinkNote() {}

    public static String encodeTo(String url, String text) {
        throw new UnsupportedOperationException();
    }
}
