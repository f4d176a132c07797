package hudson;

public abstract class Plugin {
    @Deprecated
    protected Plugin() {}

    public void stop() throws Exception {
        throw new UnsupportedOperationException();
    }
}
