{{- define "poolsync.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "poolsync.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "poolsync.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "poolsync.selectorLabels" -}}
app.kubernetes.io/name: {{ include "poolsync.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "poolsync.labels" -}}
helm.sh/chart: {{ include "poolsync.chart" . }}
{{ include "poolsync.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "poolsync.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "poolsync.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "poolsync.tokenSecretName" -}}
{{- default (printf "%s-api-token" (include "poolsync.fullname" .)) .Values.apiToken.existingSecret }}
{{- end }}

{{- define "poolsync.jobMode" -}}
{{- if eq .Values.mode "job" }}true{{ end }}
{{- end }}

{{/*
The application's settings: .Values.poolsync with the job mode's overrides: a Job runs once on start and exits.
exitAfterRun is rendered only for a Job (a Deployment refuses it).
*/}}
{{- define "poolsync.settings" -}}
{{- $settings := deepCopy .Values.poolsync }}
{{- $_ := unset $settings "exitAfterRun" }}
{{- if include "poolsync.jobMode" . }}
{{- $_ := set $settings "exitAfterRun" true }}
{{- $_ := set $settings.schedule "runOnStart" true }}
{{- end }}
{{- toYaml $settings }}
{{- end }}

{{/*
Renders settings as environment variables: nested keys are joined with "_", camelCase becomes UPPER_SNAKE
(poolsync.mapping.sourceSubAttribute -> POOLSYNC_MAPPING_SOURCE_SUB_ATTRIBUTE, which Quarkus maps to
poolsync.mapping.source-sub-attribute), lists are comma-separated. Empty strings, empty lists and nulls are left out
so that the application's default applies.
*/}}
{{- define "poolsync.env" -}}
{{- $prefix := .prefix }}
{{- range $key, $value := .settings }}
{{- $name := printf "%s_%s" $prefix ($key | snakecase | upper) }}
{{- if kindIs "map" $value }}
{{- include "poolsync.env" (dict "prefix" $name "settings" $value) }}
{{- else if kindIs "slice" $value }}
{{- if $value }}
{{ $name }}: {{ join "," $value | quote }}
{{- end }}
{{- else if kindIs "invalid" $value }}
{{- else if and (kindIs "float64" $value) (eq (float64 (int64 $value)) $value) }}
{{ $name }}: {{ int64 $value | toString | quote }}
{{- else if and (kindIs "string" $value) (eq $value "") }}
{{- else }}
{{ $name }}: {{ toString $value | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* The pod template shared by the Deployment and the Job. */}}
{{- define "poolsync.podTemplate" -}}
metadata:
  annotations:
    checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  labels:
    {{- include "poolsync.labels" . | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "poolsync.serviceAccountName" . }}
  # poolsync never calls the Kubernetes API; IRSA mounts its own web identity token.
  automountServiceAccountToken: false
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml .Values.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
  {{- if include "poolsync.jobMode" . }}
  restartPolicy: Never
  {{- end }}
  containers:
    - name: poolsync
      image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      securityContext:
        {{- toYaml .Values.securityContext | nindent 8 }}
      ports:
        - name: http
          containerPort: {{ .Values.containerPorts.http }}
          protocol: TCP
        - name: management
          containerPort: {{ .Values.containerPorts.management }}
          protocol: TCP
      envFrom:
        - configMapRef:
            name: {{ include "poolsync.fullname" . }}
      env:
        - name: POOLSYNC_API_TOKEN
          valueFrom:
            secretKeyRef:
              name: {{ include "poolsync.tokenSecretName" . }}
              key: {{ .Values.apiToken.key }}
        {{- with .Values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      startupProbe:
        httpGet:
          path: /q/health/started
          port: management
        {{- toYaml .Values.probes.startup | nindent 8 }}
      livenessProbe:
        httpGet:
          path: /q/health/live
          port: management
        {{- toYaml .Values.probes.liveness | nindent 8 }}
      readinessProbe:
        httpGet:
          path: /q/health/ready
          port: management
        {{- toYaml .Values.probes.readiness | nindent 8 }}
      resources:
        {{- toYaml .Values.resources | nindent 8 }}
      volumeMounts:
        # The root filesystem is read-only; the JVM and Vert.x write their temporary files here, and import jobs their CSV.
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ .Values.tmpSizeLimit }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
