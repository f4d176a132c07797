package net.sf.json;

public final class JSONObject {
    private JSONObject() {}

    public String optString(String key, String defaultValue) {
        throw new UnsupportedOperationException();
    }
}
