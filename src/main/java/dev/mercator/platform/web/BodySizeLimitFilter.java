package dev.mercator.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects request bodies over the configured size with 413 before anything reads them. A declared Content-Length is
 * refused up front; a chunked body is counted as it is read and fails the moment it crosses the limit, so an oversized
 * upload is never buffered whole nor half-applied. A multipart/form-data body has its own, larger limit (the handler sees an exception before it has a complete body).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final HttpSettings settings;
    private final ProblemResponses problems;

    BodySizeLimitFilter(HttpSettings settings, ProblemResponses problems) {
        this.settings = settings;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Photo uploads are the one kind of body allowed to be large; their own per-file and total limits follow.
        String type = request.getContentType();
        long limit = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
                ? Math.max(
                        settings.maxUploadSize().toBytes(),
                        settings.maxBodySize().toBytes())
                : settings.maxBodySize().toBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            // The client may still be sending; closing avoids reading an oversized body just to discard it.
            response.setHeader("Connection", "close");
            problems.write(request, response, tooLarge(limit));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    static String describe(long limit) {
        return "Request body exceeds the limit of " + limit + " bytes";
    }

    private static org.springframework.http.ProblemDetail tooLarge(long limit) {
        return ProblemResponses.problem(ProblemType.PAYLOAD_TOO_LARGE, describe(limit));
    }

    /** Thrown while reading a body that crosses the limit; mapped to 413 by {@link ApiExceptionHandler}. */
    public static final class BodyTooLargeException extends IOException {
        private final long limit;

        BodyTooLargeException(long limit) {
            super(describe(limit));
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private @Nullable ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream current = stream;
            if (current == null) {
                current = new CountingStream(super.getInputStream(), limit);
                stream = current;
            }
            return current;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
