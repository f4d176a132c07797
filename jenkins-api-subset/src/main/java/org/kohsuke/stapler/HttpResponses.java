package org.kohsuke.stapler;

public class HttpResponses {
    private HttpResponses() {}

    public abstract static class HttpResponseException extends RuntimeException implements HttpResponse {
        private static final long serialVersionUID = 1L;

        private HttpResponseException() {}
    }

    public static HttpResponseException errorWithoutStack(final int code, final String errorMessage) {
        throw new UnsupportedOperationException();
    }

    public static HttpResponseException redirectViaContextPath(String relative) {
        throw new UnsupportedOperationException();
    }
}
