package io.poolsync.cognito;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP PUT of an import job's CSV file to the pre-signed S3 URL CreateUserImportJob returns. Not an SDK call, so
 * no quota applies; the URL carries its own authorization.
 */
final class PresignedUpload {

    /** Cognito's URL is signed for server-side encryption with KMS: S3 refuses the PUT without this header. */
    static final String ENCRYPTION_HEADER = "x-amz-server-side-encryption";
    static final String ENCRYPTION = "aws:kms";

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** Built on the first upload: most gateways never upload, and a client holds a thread. */
    private HttpClient http;

    void put(URI url, Path file, String jobId) {
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header(ENCRYPTION_HEADER, ENCRYPTION)
                    .PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
            response = client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (FileNotFoundException e) {
            throw new PoolCallException("UploadImportFile", "FileNotFound", file + " is gone", e);
        } catch (IOException e) {
            throw new PoolCallException("UploadImportFile", e.getClass().getSimpleName(), String.valueOf(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolCallException("UploadImportFile", "Interrupted", "upload of job " + jobId + " interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            // The URL is a credential, and S3's error body may quote the signed request: only its code and message are kept.
            throw new PoolCallException("UploadImportFile", "HTTP " + response.statusCode(), "the pre-signed URL of "
                    + "import job " + jobId + " refused the file: " + element(response.body(), "Code") + ": "
                    + element(response.body(), "Message"), null);
        }
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        }
        return http;
    }

    /** The text of one element of S3's XML error answer, or empty. */
    private static String element(String xml, String name) {
        Matcher matcher = Pattern.compile("<" + name + ">([^<]{0,300})</" + name + ">").matcher(xml);
        return matcher.find() ? matcher.group(1) : "";
    }
}
