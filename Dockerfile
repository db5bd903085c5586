# syntax=docker/dockerfile:1
# poolsync: build with the Maven wrapper on a JDK, run the Quarkus fast-jar on a JRE as a non-root user.
#   docker build -t poolsync:0.1.0 .

FROM eclipse-temurin:17.0.17_10-jdk-noble AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/main/ src/main/
# Tests run in CI, not in the image build; skip.npm because npm only installs the emulator the tests use.
# The cache mount keeps the Maven distribution and the dependencies between builds.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B package -Dmaven.test.skip=true -Dskip.npm=true

FROM eclipse-temurin:17.0.17_10-jre-noble
WORKDIR /deployments
# Owned by root and only readable by the runtime user, so the process can't change its own code.
COPY --from=build /build/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build /build/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar
COPY --from=build /build/target/quarkus-app/app/ /deployments/app/
COPY --from=build /build/target/quarkus-app/quarkus/ /deployments/quarkus/
# API (bearer token poolsync.api.token) and management (health and metrics, no token).
EXPOSE 8080 9000
# Numeric, so Kubernetes can verify runAsNonRoot without a passwd entry.
USER 185
# Exec form: java is PID 1 and gets SIGTERM, and Quarkus finishes in-flight writes (quarkus.shutdown.timeout).
# Heap from the container's memory limit; more JVM flags via JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar"]
