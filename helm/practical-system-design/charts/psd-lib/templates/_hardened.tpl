{{/*
The hardened blocks, written once for every pod of every chart here, and the reasons for them:
each process runs as a fixed numeric non-root uid/gid, on a read-only root filesystem, with no
capabilities, no privilege escalation and the runtime's default seccomp profile; the only
writable path is an emptyDir /tmp (JVM, nginx temp files, pid); no pod gets an API token (none
talks to the API server) or service-link variables (they would add e.g. REDIS_PORT=tcp://...
next to a service's own configuration).
*/}}

{{- define "psd.seccompProfile" -}}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
Pod-level security context: non-root with a fixed numeric uid/gid, volumes group-owned by it.
Usage: include "psd.podSecurityContext" (dict "uid" 1000 "gid" 1000)
*/}}
{{- define "psd.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .gid }}
fsGroup: {{ .gid }}
{{ include "psd.seccompProfile" . }}
{{- end }}

{{/*
Container-level security context. readOnlyRootFilesystem=false is for an image that cannot run
otherwise, and says so where it is used.
Usage: include "psd.containerSecurityContext" (dict) or (dict "readOnlyRootFilesystem" false)
*/}}
{{- define "psd.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: {{ dig "readOnlyRootFilesystem" true . }}
capabilities:
  drop:
    - ALL
{{- end }}

{{/*
The writable /tmp that a read-only root filesystem needs.
Usage: include "psd.tmpVolume" (dict) or (dict "sizeLimit" "64Mi")
*/}}
{{- define "psd.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ dig "sizeLimit" "256Mi" . }}
{{- end }}

{{- define "psd.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{/*
Pod spec fields every pod shares: no API token, no service links, the pod security context
("uid"/"gid"; without them only the seccomp profile, for an image that must run as its own root
user) and the parent chart's imagePullSecrets, if any.
Usage: include "psd.podHardening" (dict "ctx" $ "uid" 100 "gid" 101)
*/}}
{{- define "psd.podHardening" -}}
automountServiceAccountToken: false
enableServiceLinks: false
{{- with get .ctx.Values "imagePullSecrets" }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- if hasKey . "uid" }}
  {{- include "psd.podSecurityContext" (dict "uid" .uid "gid" .gid) | nindent 2 }}
  {{- else }}
  {{- include "psd.seccompProfile" . | nindent 2 }}
  {{- end }}
{{- end }}

{{/*
The pod of a component: its own ServiceAccount (psd.serviceAccount), then psd.podHardening.
Usage: include "psd.podCommon" (dict "ctx" $ "name" "gateway" "uid" 101 "gid" 101)
*/}}
{{- define "psd.podCommon" -}}
serviceAccountName: {{ .name }}
{{ include "psd.podHardening" . }}
{{- end }}

{{/*
ServiceAccount of a component: no API token is mounted. "annotations" and "component" are optional.
Usage: include "psd.serviceAccount" (dict "ctx" $ "name" "user-service" "annotations" .Values.userService.serviceAccount.annotations)
*/}}
{{- define "psd.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .name }}
  labels:
    {{- include "psd.labels" . | nindent 4 }}
  {{- with get . "annotations" }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: false
{{- end }}
