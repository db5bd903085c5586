package io.poolsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * There is no Docker engine in the build, so the Dockerfile is checked for what can be checked without one: its COPY
 * sources exist and get past .dockerignore, the image runs as a numeric non-root user, and it exposes the ports the
 * application listens on.
 */
class DockerfileTest {

    static final Path REPO = ApplicationSettings.REPO;
    /** The Quarkus fast-jar layout the runtime stage needs, relative to the build stage's working directory. */
    static final Set<String> FAST_JAR = Set.of("target/quarkus-app/lib/", "target/quarkus-app/app/",
            "target/quarkus-app/quarkus/", "target/quarkus-app/quarkus-run.jar");
    static final Pattern PINNED_TEMURIN = Pattern.compile("eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-(jdk|jre)(-\\w+)?");

    record Instruction(String keyword, String arguments) {
    }

    record Stage(String image, String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword.equals(keyword)).toList();
        }

        String workdir() {
            List<Instruction> workdirs = all("WORKDIR");
            return workdirs.isEmpty() ? "/" : workdirs.get(workdirs.size() - 1).arguments;
        }
    }

    static List<Stage> stages;

    @BeforeAll
    static void parse() throws IOException {
        stages = new ArrayList<>();
        String joined = Files.readString(REPO.resolve("Dockerfile")).replaceAll("\\\\\\r?\\n", " ");
        for (String line : joined.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword.equals("FROM")) {
                String[] from = instruction.arguments.split("\\s+");
                stages.add(new Stage(from[0], from.length == 3 ? from[2] : null, new ArrayList<>()));
            }
            stages.get(stages.size() - 1).instructions.add(instruction);
        }
    }

    @Test
    void buildsOnAPinnedJdkAndRunsOnAPinnedJreOfTheSameRelease() {
        assertThat(stages).hasSize(2);
        Stage build = stages.get(0);
        Stage runtime = stages.get(1);
        assertThat(build.image).matches(PINNED_TEMURIN).contains("-jdk");
        assertThat(runtime.image).matches(PINNED_TEMURIN).contains("-jre");
        assertThat(runtime.image.replace("-jre", "")).isEqualTo(build.image.replace("-jdk", ""));

        String run = String.join("\n", build.all("RUN").stream().map(Instruction::arguments).toList());
        assertThat(run).contains("./mvnw -B package -Dmaven.test.skip=true")
                .as("npm only installs the test emulator, and the JDK image has no npm").contains("-Dskip.npm=true");
        assertThat(runtime.all("RUN")).as("the runtime image is the JRE plus the application").isEmpty();
    }

    @Test
    void everyCopySourceExistsAndReachesTheBuildContext() throws IOException {
        Stage build = stages.get(0);
        List<String> contextSources = new ArrayList<>();
        for (Instruction copy : build.all("COPY")) {
            List<String> words = List.of(copy.arguments.split("\\s+"));
            assertThat(words).noneMatch(w -> w.startsWith("--from"));
            contextSources.addAll(words.subList(0, words.size() - 1));
        }
        assertThat(contextSources).contains("mvnw", "pom.xml", ".mvn/", "src/main/");
        for (String source : contextSources) {
            Path path = REPO.resolve(source);
            assertThat(path).as(source).exists();
            assertThat(DockerIgnore.read(REPO.resolve(".dockerignore")).excludes(source))
                    .as("%s is excluded by .dockerignore", source).isFalse();
        }
        assertThat(REPO.resolve("mvnw")).isExecutable();
        assertThat(REPO.resolve(".mvn/wrapper/maven-wrapper.properties")).exists();
        DockerIgnore ignore = DockerIgnore.read(REPO.resolve(".dockerignore"));
        assertThat(ignore.excludes(".mvn/wrapper/maven-wrapper.properties")).isFalse();
        assertThat(ignore.excludes("src/main/resources/application.properties")).isFalse();
        assertThat(ignore.excludes("src/main/java/io/poolsync/config/PoolsyncConfig.java")).isFalse();
        assertThat(List.of("target/quarkus-app/quarkus-run.jar", "node_modules/cognito-local/package.json",
                "src/test/java/io/poolsync/deploy/DockerfileTest.java", ".git/HEAD", "helm/poolsync/Chart.yaml"))
                .as("kept out of the build context").allMatch(ignore::excludes);
    }

    @Test
    void theRuntimeStageCopiesTheQuarkusFastJar() {
        Stage runtime = stages.get(1);
        String buildDir = stages.get(0).workdir();
        Map<String, String> copied = new LinkedHashMap<>();
        for (Instruction copy : runtime.all("COPY")) {
            List<String> words = List.of(copy.arguments.split("\\s+"));
            assertThat(words.get(0)).isEqualTo("--from=" + stages.get(0).name);
            assertThat(words).hasSize(3);
            String source = words.get(1);
            assertThat(source).startsWith(buildDir + "/");
            copied.put(source.substring(buildDir.length() + 1), words.get(2));
        }
        assertThat(copied.keySet()).containsExactlyInAnyOrderElementsOf(FAST_JAR);
        Path quarkusApp = REPO.resolve("target/quarkus-app");
        if (Files.isDirectory(quarkusApp)) {
            // After `package`: the layout really is what Quarkus built.
            assertThat(copied.keySet()).allSatisfy(source -> assertThat(REPO.resolve(source)).exists());
        }

        String jar = runtime.workdir() + "/quarkus-run.jar";
        assertThat(copied).containsEntry("target/quarkus-app/quarkus-run.jar", jar);
        assertThat(copied).allSatisfy((source, target) -> assertThat(target).startsWith(runtime.workdir() + "/"));
        // Fast-jar: quarkus-run.jar finds lib/, app/ and quarkus/ beside itself.
        assertThat(copied.values()).contains(runtime.workdir() + "/lib/", runtime.workdir() + "/app/",
                runtime.workdir() + "/quarkus/");

        List<Instruction> entrypoints = runtime.all("ENTRYPOINT");
        assertThat(entrypoints).hasSize(1);
        String entrypoint = entrypoints.get(0).arguments;
        assertThat(entrypoint).as("exec form, so java is PID 1 and receives SIGTERM").startsWith("[\"java\"")
                .endsWith("]").contains("\"-XX:MaxRAMPercentage=75\"", "\"-jar\"", "\"" + jar + "\"");
        assertThat(runtime.all("CMD")).isEmpty();
        assertThat(String.join("\n", stages.stream().flatMap(s -> s.instructions.stream())
                .map(Instruction::arguments).toList())).doesNotContain("sh -c");
    }

    @Test
    void runsAsANumericNonRootUser() {
        Stage runtime = stages.get(1);
        List<Instruction> users = runtime.all("USER");
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).arguments;
        assertThat(user).as("numeric, so runAsNonRoot can be verified").matches("\\d+(:\\d+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).isNotZero();
        int lastUser = runtime.instructions.lastIndexOf(users.get(users.size() - 1));
        assertThat(runtime.instructions.subList(lastUser, runtime.instructions.size()))
                .extracting(Instruction::keyword).doesNotContain("RUN", "COPY", "ADD");
    }

    @Test
    void exposesTheApplicationsPortsAndLeavesHealthToTheOrchestrator() {
        Set<Integer> exposed = stages.get(1).all("EXPOSE").stream()
                .flatMap(e -> List.of(e.arguments.split("\\s+")).stream())
                .map(port -> Integer.parseInt(port.replace("/tcp", "")))
                .collect(Collectors.toSet());
        assertThat(exposed).containsExactlyInAnyOrder(ApplicationSettings.httpPort(),
                ApplicationSettings.managementPort());
        assertThat(stages.stream().flatMap(s -> s.instructions.stream())).extracting(Instruction::keyword)
                .doesNotContain("HEALTHCHECK", "ADD");
    }

    /** The migrate-user Lambda's own dependencies: its zip carries them, the daemon's image must not. */
    static final Set<String> LAMBDA_ONLY = Set.of("com.amazonaws:aws-lambda-java-core",
            "software.amazon.awssdk:url-connection-client");

    @Test
    void theLambdasOwnDependenciesStayOutOfTheImage() throws Exception {
        var pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(REPO.resolve("pom.xml").toFile());
        var dependencies = pom.getElementsByTagName("dependency");
        Map<String, String> scopes = new LinkedHashMap<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            var dependency = (org.w3c.dom.Element) dependencies.item(i);
            if (dependency.getParentNode().getParentNode().getNodeName().equals("project")) {
                var scope = dependency.getElementsByTagName("scope");
                scopes.put(text(dependency, "groupId") + ":" + text(dependency, "artifactId"),
                        scope.getLength() == 0 ? "compile" : scope.item(0).getTextContent().trim());
            }
        }
        assertThat(LAMBDA_ONLY).allSatisfy(lambdaOnly -> assertThat(scopes).as("Quarkus packages no provided jar")
                .containsEntry(lambdaOnly, "provided"));
        Path lib = REPO.resolve("target/quarkus-app/lib/main");
        if (Files.isDirectory(lib)) {
            // After `package`: the image's lib/ really lacks them.
            try (var jars = Files.list(lib)) {
                assertThat(jars.map(jar -> jar.getFileName().toString()).toList())
                        .isNotEmpty()
                        .noneMatch(jar -> jar.contains("aws-lambda-java-core") || jar.contains("url-connection-client"));
            }
        }
    }

    private static String text(org.w3c.dom.Element element, String tag) {
        return element.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    /** .dockerignore semantics: patterns match a path or any of its parents; the last matching pattern wins. */
    record DockerIgnore(List<String> patterns) {

        static DockerIgnore read(Path file) throws IOException {
            return new DockerIgnore(Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
        }

        boolean excludes(String path) {
            String normalized = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            boolean excluded = false;
            for (String pattern : patterns) {
                boolean negated = pattern.startsWith("!");
                String glob = (negated ? pattern.substring(1) : pattern).replaceAll("/+$", "");
                if (matchesItselfOrAParent(glob, normalized)) {
                    excluded = !negated;
                }
            }
            return excluded;
        }

        private static boolean matchesItselfOrAParent(String glob, String path) {
            var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            for (Path candidate = Path.of(path); candidate != null; candidate = candidate.getParent()) {
                if (matcher.matches(candidate)) {
                    return true;
                }
            }
            return false;
        }
    }
}
