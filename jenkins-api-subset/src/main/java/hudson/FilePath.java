package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.InputStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {
    private static final long serialVersionUID = 1L;

    private FilePath() {}

    public String getRemote() {
        throw new UnsupportedOperationException();
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException();
    }

    public InputStream read() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }
}
