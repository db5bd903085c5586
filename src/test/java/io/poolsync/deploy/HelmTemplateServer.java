package io.poolsync.deploy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/**
 * Runs {@code helm template} with helm-java in a child JVM, one request after the other over stdin/stdout.
 * <p>
 * helm-java's template is an install that talks to the cluster for {@code lookup}, and Helm's native library takes
 * its kubeconfig from the process environment as it was when the process started; a child process is the only way to
 * give it one, pointing at {@link FakeKubernetesApi}.
 * <p>
 * Request: chart, release, namespace, kube version, values file, number of --set pairs, then key and value of each.
 * Response: 0 and the manifests, or 1 and the error.
 */
public final class HelmTemplateServer {

    private HelmTemplateServer() {
    }

    public static void main(String[] args) throws IOException {
        DataOutputStream out = new DataOutputStream(new FileOutputStream(FileDescriptor.out));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        DataInputStream in = new DataInputStream(System.in);
        while (true) {
            String chart;
            try {
                chart = in.readUTF();
            } catch (java.io.EOFException e) {
                return;
            }
            TemplateCommand command = new Helm(Path.of(chart)).template()
                    .withName(in.readUTF())
                    .withNamespace(in.readUTF())
                    .withKubeVersion(in.readUTF())
                    .withValuesFile(Path.of(in.readUTF()));
            int sets = in.readInt();
            for (int i = 0; i < sets; i++) {
                command.set(in.readUTF(), in.readUTF());
            }
            String result;
            int status;
            try {
                result = command.call();
                status = 0;
            } catch (RuntimeException e) {
                result = String.valueOf(e.getMessage());
                status = 1;
            }
            byte[] bytes = result.getBytes(StandardCharsets.UTF_8);
            out.writeInt(status);
            out.writeInt(bytes.length);
            out.write(bytes);
            out.flush();
        }
    }
}
