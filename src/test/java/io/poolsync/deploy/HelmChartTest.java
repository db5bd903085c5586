package io.poolsync.deploy;

import static io.poolsync.deploy.ChartRenderer.REQUIRED_VALUES;
import static io.poolsync.deploy.ChartRenderer.SOURCE_POOL;
import static io.poolsync.deploy.ChartRenderer.TARGET_POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.poolsync.deploy.ChartRenderer.Manifests;

/** helm/poolsync: lint, and the manifests of realistic value sets, checked against the application's own settings. */
class HelmChartTest {

    static final String IRSA_ROLE = "arn:aws:iam::111122223333:role/poolsync";

    @TempDir
    Path scratch;

    @Test
    void lintPassesWithThePoolIds() throws IOException {
        Path chart = copyChart();
        Path values = chart.resolve("values.yaml");
        String defaults = Files.readString(values);
        Files.writeString(values, defaults
                .replaceFirst("poolId: \"\"", "poolId: " + SOURCE_POOL)
                .replaceFirst("poolId: \"\"", "poolId: " + TARGET_POOL));

        LintResult result = ChartRenderer.helm(chart).lint().strict().call();

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void lintOfTheBareChartNamesTheMissingPoolIds() throws IOException {
        LintResult result = ChartRenderer.helm(copyChart()).lint().call();

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("poolId");
    }

    static Stream<Arguments> valueSets() {
        return Stream.of(
                Arguments.of("defaults", REQUIRED_VALUES),
                Arguments.of("irsa-existing-secret", REQUIRED_VALUES + """
                        serviceAccount:
                          annotations:
                            eks.amazonaws.com/role-arn: %s
                        apiToken:
                          existingSecret: poolsync-token
                          key: token
                        """.formatted(IRSA_ROLE)),
                Arguments.of("job", REQUIRED_VALUES + "mode: job\n"),
                Arguments.of("service-monitor", REQUIRED_VALUES + """
                        monitoring:
                          serviceMonitor:
                            enabled: true
                            labels:
                              release: kube-prometheus-stack
                        """),
                Arguments.of("invite", """
                        poolsync:
                          source:
                            poolId: %s
                            roleArn: arn:aws:iam::444455556666:role/poolsync-source-reader
                          target:
                            poolId: %s
                            region: eu-central-1
                          password:
                            mode: invite
                            inviteDeliveryMediums: [EMAIL, SMS]
                          mapping:
                            renames: ["custom:tenant->custom:tenant_id", "nickname->preferred_username"]
                            createOnly: ["custom:tenant_id"]
                            emailVerified: true
                          apply:
                            concurrency: 8
                          policy: mirror
                        """.formatted(SOURCE_POOL, TARGET_POOL)));
    }

    /** What every value set must render: probes, hardening, ports, one writer, and settings the application knows. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyValueSetRendersAHardenedProbedSingleWriter(String name, String values) {
        Manifests manifests = ChartRenderer.render(scratch, values);

        PodTemplateSpec pod = podTemplate(manifests);
        Container container = pod.getSpec().getContainers().get(0);
        assertProbes(container);
        assertHardened(pod.getSpec().getSecurityContext(), container.getSecurityContext());
        assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getEmptyDir() != null).extracting(Volume::getName)
                .contains("tmp");
        assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(pod.getMetadata().getAnnotations()).containsKey("checksum/config");

        assertThat(containerPorts(container)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "http", ApplicationSettings.httpPort(), "management", ApplicationSettings.managementPort()));
        Service service = manifests.one(Service.class);
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort() + "->"
                + p.getTargetPort().getStrVal()).containsExactlyInAnyOrder(
                        "http:" + ApplicationSettings.httpPort() + "->http",
                        "management:" + ApplicationSettings.managementPort() + "->management");
        assertThat(service.getSpec().getSelector()).isEqualTo(pod.getMetadata().getLabels().entrySet().stream()
                .filter(e -> service.getSpec().getSelector().containsKey(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));

        Map<String, String> env = settings(manifests);
        assertThat(env.keySet()).as("settings PoolsyncConfig doesn't have")
                .isSubsetOf(ApplicationSettings.environmentVariablesOrPending());
        assertThat(env).containsEntry("POOLSYNC_SOURCE_POOL_ID", SOURCE_POOL)
                .containsEntry("POOLSYNC_TARGET_POOL_ID", TARGET_POOL);
        assertThat(container.getEnvFrom()).anySatisfy(from -> assertThat(from.getConfigMapRef().getName())
                .isEqualTo(manifests.one(ConfigMap.class).getMetadata().getName()));
        EnvVar token = container.getEnv().stream().filter(e -> e.getName().equals("POOLSYNC_API_TOKEN")).findFirst()
                .orElseThrow();
        assertThat(ApplicationSettings.environmentVariables()).contains(token.getName());
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isNotBlank();

        manifests.all(Deployment.class).forEach(deployment -> {
            assertThat(deployment.getSpec().getReplicas()).isLessThanOrEqualTo(1);
            assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        });
        assertThat(manifests.one(ServiceAccount.class).getMetadata().getName())
                .isEqualTo(pod.getSpec().getServiceAccountName());
    }

    @Test
    void defaultsRenderADeploymentThatLeavesEverySettingButThePoolIdsToTheApplication() {
        Manifests manifests = ChartRenderer.render(scratch, REQUIRED_VALUES);

        assertThat(manifests.all(Job.class)).isEmpty();
        assertThat(manifests.one(Deployment.class).getSpec().getReplicas()).isEqualTo(1);
        Map<String, String> env = settings(manifests);
        // Only the pool ids: every other setting is the application's own default, not a copy of it in the chart.
        assertThat(env).containsOnlyKeys("POOLSYNC_SOURCE_POOL_ID", "POOLSYNC_TARGET_POOL_ID");
        assertThat(manifests.custom("monitoring.coreos.com/v1", "ServiceMonitor")).isEmpty();

        Secret secret = manifests.one(Secret.class);
        assertThat(secret.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(new String(java.util.Base64.getDecoder().decode(secret.getData().get("api-token"))))
                .matches("[A-Za-z0-9]{48}");
        EnvVar token = tokenEnv(podTemplate(manifests).getSpec().getContainers().get(0));
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
        assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("api-token");

    }

    @Test
    void helmTestAsksTheReadinessEndpoint() throws IOException {
        assertThat(ChartRenderer.CHART.resolve("templates/tests/test-ready.yaml")).content()
                .contains("helm.sh/hook: test");

        Manifests manifests = ChartRenderer.renderWithTests(scratch, REQUIRED_VALUES);

        Pod test = manifests.one(Pod.class);
        assertThat(test.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(String.join(" ", test.getSpec().getContainers().get(0).getCommand()))
                .startsWith("wget").endsWith(":" + ApplicationSettings.managementPort() + "/q/health/ready");
        assertHardened(test.getSpec().getSecurityContext(), test.getSpec().getContainers().get(0).getSecurityContext());
        assertThat(test.getSpec().getContainers().get(0).getCommand())
                .contains("http://poolsync:" + ApplicationSettings.managementPort() + "/q/health/ready");
        assertThat(manifests.one(Service.class).getMetadata().getName()).isEqualTo("poolsync");
    }

    @Test
    void anUpgradeKeepsTheTokenTheChartCreatedBefore() {
        String kept = java.util.Base64.getEncoder().encodeToString("token-from-the-first-install".getBytes());
        FakeKubernetesApi.putSecret(ChartRenderer.NAMESPACE, "poolsync-api-token", "api-token", kept);
        try {
            Secret secret = ChartRenderer.render(scratch, REQUIRED_VALUES).one(Secret.class);

            assertThat(secret.getMetadata().getName()).isEqualTo("poolsync-api-token");
            assertThat(secret.getData()).containsEntry("api-token", kept);
        } finally {
            FakeKubernetesApi.clear();
        }
    }

    @Test
    void irsaAnnotatesTheServiceAccountAndAnExistingSecretReplacesTheChartsOwn() {
        Manifests manifests = ChartRenderer.render(scratch, (String) valueSet("irsa-existing-secret"));

        assertThat(manifests.one(ServiceAccount.class).getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", IRSA_ROLE);
        assertThat(manifests.all(Secret.class)).isEmpty();
        EnvVar token = tokenEnv(podTemplate(manifests).getSpec().getContainers().get(0));
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("poolsync-token");
        assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
    }

    @Test
    void jobModeRunsOnceAndExitsInsteadOfADeployment() {
        Manifests manifests = ChartRenderer.render(scratch, (String) valueSet("job"));

        assertThat(manifests.all(Deployment.class)).isEmpty();
        assertThat(ChartRenderer.renderWithTests(scratch, (String) valueSet("job")).all(Pod.class))
                .as("no helm test: the pod is gone once the run is over").isEmpty();
        Job job = manifests.one(Job.class);
        assertThat(job.getSpec().getParallelism()).isEqualTo(1);
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(settings(manifests)).containsEntry("POOLSYNC_EXIT_AFTER_RUN", "true")
                .containsEntry("POOLSYNC_SCHEDULE_RUN_ON_START", "true");
    }

    @Test
    void theServiceMonitorScrapesMetricsOnTheManagementPort() {
        Manifests manifests = ChartRenderer.render(scratch, (String) valueSet("service-monitor"));

        List<GenericKubernetesResource> monitors = manifests.custom("monitoring.coreos.com/v1", "ServiceMonitor");
        assertThat(monitors).hasSize(1);
        GenericKubernetesResource monitor = monitors.get(0);
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        Map<String, Object> endpoint = monitor.<List<Map<String, Object>>>get("spec", "endpoints").get(0);
        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/q/metrics");
        Service service = manifests.one(Service.class);
        assertThat(service.getSpec().getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("management");
            assertThat(port.getPort()).isEqualTo(ApplicationSettings.managementPort());
        });
        assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"))
                .isEqualTo(service.getSpec().getSelector());
    }

    @Test
    void settingsBecomeTheApplicationsEnvironmentVariables() {
        Map<String, String> env = settings(ChartRenderer.render(scratch, (String) valueSet("invite")));

        assertThat(env).containsEntry("POOLSYNC_PASSWORD_MODE", "invite")
                .containsEntry("POOLSYNC_PASSWORD_INVITE_DELIVERY_MEDIUMS", "EMAIL,SMS")
                .containsEntry("POOLSYNC_SOURCE_ROLE_ARN", "arn:aws:iam::444455556666:role/poolsync-source-reader")
                .containsEntry("POOLSYNC_TARGET_REGION", "eu-central-1")
                .containsEntry("POOLSYNC_MAPPING_RENAMES", "custom:tenant->custom:tenant_id,nickname->preferred_username")
                .containsEntry("POOLSYNC_MAPPING_CREATE_ONLY", "custom:tenant_id")
                .containsEntry("POOLSYNC_MAPPING_EMAIL_VERIFIED", "true")
                .containsEntry("POOLSYNC_APPLY_CONCURRENCY", "8")
                .containsEntry("POOLSYNC_POLICY", "mirror");
    }

    @Test
    void changingASettingRollsThePod() {
        String before = checksum(ChartRenderer.render(scratch, REQUIRED_VALUES));
        String same = checksum(ChartRenderer.render(scratch, REQUIRED_VALUES));
        String after = checksum(ChartRenderer.render(scratch, REQUIRED_VALUES + "  schedule:\n    cron: \"off\"\n"));

        assertThat(same).isEqualTo(before);
        assertThat(after).isNotEqualTo(before);
    }

    /**
     * POOLSYNC_EXIT_AFTER_RUN is what job mode is for; it is checked against PoolsyncConfig like every other setting
     * once the application has poolsync.exit-after-run.
     */
    @Test
    void jobModesExitSettingIsAPropertyOfTheApplication() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ApplicationSettings.hasProperty("poolsync.exit-after-run"),
                "PoolsyncConfig has no exit-after-run yet");
        assertThat(settings(ChartRenderer.render(scratch, (String) valueSet("job"))).keySet())
                .isSubsetOf(ApplicationSettings.environmentVariables());
    }

    // --- helpers

    private static Object valueSet(String name) {
        return valueSets().filter(a -> a.get()[0].equals(name)).findFirst().orElseThrow().get()[1];
    }

    private Path copyChart() throws IOException {
        Path copy = scratch.resolve("poolsync");
        try (Stream<Path> files = Files.walk(ChartRenderer.CHART)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(ChartRenderer.CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    static PodTemplateSpec podTemplate(Manifests manifests) {
        List<PodTemplateSpec> templates = Stream.concat(
                manifests.all(Deployment.class).stream().map(d -> d.getSpec().getTemplate()),
                manifests.all(Job.class).stream().map(j -> j.getSpec().getTemplate())).toList();
        assertThat(templates).as("one Deployment or one Job").hasSize(1);
        return templates.get(0);
    }

    /** The ConfigMap's entries: the environment poolsync is configured by. */
    static Map<String, String> settings(Manifests manifests) {
        Map<String, String> data = manifests.one(ConfigMap.class).getData();
        assertThat(data.keySet()).allMatch(key -> key.startsWith("POOLSYNC_"));
        return data;
    }

    private static EnvVar tokenEnv(Container container) {
        return container.getEnv().stream().filter(e -> e.getName().equals("POOLSYNC_API_TOKEN")).findFirst()
                .orElseThrow();
    }

    private static String checksum(Manifests manifests) {
        return podTemplate(manifests).getMetadata().getAnnotations().get("checksum/config");
    }

    private static Map<String, Integer> containerPorts(Container container) {
        return container.getPorts().stream()
                .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
    }

    private static void assertProbes(Container container) {
        Map<String, Integer> ports = containerPorts(container);
        assertThat(httpGet(container.getLivenessProbe(), ports)).isEqualTo(
                "/q/health/live:" + ApplicationSettings.managementPort());
        assertThat(httpGet(container.getReadinessProbe(), ports)).isEqualTo(
                "/q/health/ready:" + ApplicationSettings.managementPort());
        assertThat(httpGet(container.getStartupProbe(), ports)).startsWith("/q/health/")
                .endsWith(":" + ApplicationSettings.managementPort());
        assertThat(container.getStartupProbe().getFailureThreshold()).isGreaterThan(1);
    }

    /** path:port of an HTTP probe, a named port resolved to the container's number. */
    private static String httpGet(Probe probe, Map<String, Integer> ports) {
        assertThat(probe).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        Integer port = get.getPort().getStrVal() != null ? ports.get(get.getPort().getStrVal())
                : get.getPort().getIntVal();
        return get.getPath() + ":" + port;
    }

    private static void assertHardened(PodSecurityContext pod, SecurityContext container) {
        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isNotNull().isNotZero();
        assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(Objects.requireNonNullElse(container.getCapabilities().getAdd(), List.of())).isEmpty();
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }
}
