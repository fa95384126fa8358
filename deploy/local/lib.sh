# Shared by the deploy/local scripts (sourced, not run): where the cluster lives, its ports, its processes.
#
# Settings (environment variables, read on the cluster's first start and remembered in WORK_DIR/cluster.env):
#   FUNNELFLOW_LOCAL_DIR   work dir for config, data, checkpoints, logs   (default: <project>/target/local-cluster)
#   FLINK_REST_PORT        Flink REST API and web UI                      (default: 8081)
#   FLINK_RPC_PORT         JobManager RPC                                 (default: 6123)
#   KAFKA_PORT             Kafka clients                                  (default: 9092)
#   KAFKA_CONTROLLER_PORT  Kafka KRaft controller                         (default: 9093)
#   PROMETHEUS_PORTS       metrics endpoints, one free port per process   (default: 9249-9259)
#   FLINK_PROPERTIES       extra Flink config lines (`key: value`) appended to the cluster config
#   MVN                    the Maven command that resolves the classpaths (default: mvn)

LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(cd "$LOCAL_DIR/../.." && pwd)
WORK_DIR=${FUNNELFLOW_LOCAL_DIR:-$PROJECT_DIR/target/local-cluster}
mkdir -p "$WORK_DIR"
WORK_DIR=$(cd "$WORK_DIR" && pwd)
CONF_DIR=$WORK_DIR/conf
LOG_DIR=$WORK_DIR/log
PID_DIR=$WORK_DIR/pids
CLUSTER_ENV=$WORK_DIR/cluster.env
JOB_JAR=${FUNNELFLOW_JOB_JAR:-$PROJECT_DIR/target/funnelflow-job.jar}

# A running cluster keeps the ports it started with, whatever the environment says now.
if [[ -f $CLUSTER_ENV ]]; then
  # shellcheck source=/dev/null
  source "$CLUSTER_ENV"
fi
FLINK_REST_PORT=${FLINK_REST_PORT:-8081}
FLINK_RPC_PORT=${FLINK_RPC_PORT:-6123}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
PROMETHEUS_PORTS=${PROMETHEUS_PORTS:-9249-9259}
FLINK_REST=http://localhost:$FLINK_REST_PORT
KAFKA_BOOTSTRAP=localhost:$KAFKA_PORT

# ONNX Runtime 1.29 crashes the JVM when the command line is long; the job's ranker runs in the TaskManagers.
export ORT_DISABLE_TELEMETRY=1

log() {
  printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

require_command() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed ($2)"
}

remember_settings() {
  cat >"$CLUSTER_ENV" <<EOF
FLINK_REST_PORT=$FLINK_REST_PORT
FLINK_RPC_PORT=$FLINK_RPC_PORT
KAFKA_PORT=$KAFKA_PORT
KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT
PROMETHEUS_PORTS=$PROMETHEUS_PORTS
EOF
}

# Copies a template from deploy/local/conf into the work dir with its @...@ placeholders filled in.
render_template() {
  local template=$1 target=$2
  sed -e "s|@WORK_DIR@|$WORK_DIR|g" \
      -e "s|@FLINK_REST_PORT@|$FLINK_REST_PORT|g" \
      -e "s|@FLINK_RPC_PORT@|$FLINK_RPC_PORT|g" \
      -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
      -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@PROMETHEUS_PORTS@|$PROMETHEUS_PORTS|g" \
      "$LOCAL_DIR/conf/$template" >"$target"
}

# Prints the path of a java @argfile holding `-cp <classpath>` for deploy/local/<name>-lib/pom.xml, resolving
# it with Maven when the POM is newer than the last resolution. An argfile keeps the command line short. The
# resolution is kept in the project's target/ for every work dir: it only depends on the POM.
classpath_argfile() {
  local name=$1
  local pom=$LOCAL_DIR/$name-lib/pom.xml lib_dir=$PROJECT_DIR/target/local-cluster-lib
  local argfile=$lib_dir/$name.classpath
  if [[ ! -s $argfile || $pom -nt $argfile ]]; then
    require_command "${MVN:-mvn}" "it resolves the Flink and Kafka jars from Maven Central"
    mkdir -p "$lib_dir" "$LOG_DIR"
    local resolved=$lib_dir/$name.resolved maven_log=$LOG_DIR/maven-$name.log
    local goal=org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath
    log "resolving the $name classpath with Maven (offline first; log: $maven_log)"
    # Offline first: a project build has usually fetched every jar already. Online only for what is missing.
    "${MVN:-mvn}" -B -q -o -f "$pom" "$goal" -Dmdep.outputFile="$resolved" >"$maven_log" 2>&1 \
      || "${MVN:-mvn}" -B -q -f "$pom" "$goal" -Dmdep.outputFile="$resolved" >>"$maven_log" 2>&1 \
      || die "could not resolve the $name classpath from $pom; see $maven_log"
    printf -- '-cp "%s"\n' "$(cat "$resolved")" >"$argfile"
  fi
  printf '%s\n' "$argfile"
}

pid_of() {
  local pid_file=$PID_DIR/$1.pid
  [[ -f $pid_file ]] && cat "$pid_file"
}

# True if the process recorded for this name is alive and is still ours (pids are reused).
is_running() {
  local pid
  pid=$(pid_of "$1") || return 1
  ps -o args= -p "$pid" 2>/dev/null | grep -q -- "-Dfunnelflow.local.process=$1 "
}

# Starts a JVM in the background, detached from this shell, with its output in LOG_DIR/<name>.out.
start_java() {
  local name=$1
  shift
  mkdir -p "$PID_DIR" "$LOG_DIR"
  is_running "$name" && die "$name is already running (pid $(pid_of "$name"))"
  # The marker names the process for is_running and for anyone reading `ps`.
  nohup java "-Dfunnelflow.local.process=$name" "-Dlog.file=$LOG_DIR/$name.log" \
      "-Dlog4j.configurationFile=file:$CONF_DIR/log4j2.properties" "$@" \
      >"$LOG_DIR/$name.out" 2>&1 </dev/null &
  echo $! >"$PID_DIR/$name.pid"
}

# await SECONDS DESCRIPTION PROCESS COMMAND...: polls COMMAND until it succeeds; fails at once if PROCESS dies.
await() {
  local timeout=$1 what=$2 process=$3
  shift 3
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    is_running "$process" || die "$process exited while waiting for $what; see $LOG_DIR/$process.log and $LOG_DIR/$process.out"
    ((SECONDS < deadline)) || die "timed out after ${timeout}s waiting for $what; see $LOG_DIR/$process.log"
    sleep 0.2
  done
}

# Stops a process: SIGTERM, then SIGKILL if it has not exited after SECONDS.
stop_process() {
  local name=$1 timeout=${2:-30}
  if ! is_running "$name"; then
    rm -f "$PID_DIR/$name.pid"
    return 0
  fi
  local pid deadline=$((SECONDS + timeout))
  pid=$(pid_of "$name")
  kill -TERM "$pid" 2>/dev/null || true
  while is_running "$name"; do
    if ((SECONDS >= deadline)); then
      log "$name (pid $pid) did not stop within ${timeout}s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.2
  done
  rm -f "$PID_DIR/$name.pid"
  log "stopped $name (pid $pid)"
}

# Names of the TaskManagers that have a pid file, in start order.
taskmanager_names() {
  local pid_file
  for pid_file in "$PID_DIR"/taskmanager-*.pid; do
    [[ -e $pid_file ]] && basename "$pid_file" .pid
  done | sort -t- -k2 -n
}

# GET on the Flink REST API; prints the JSON body.
flink_get() {
  curl -sf --max-time 10 "$FLINK_REST$1"
}

# First value of a string or number field in compact JSON, e.g. json_field jobid '{"jobid":"ab12"}' -> ab12.
# Enough for Flink's REST answers; no jq needed.
json_field() {
  printf '%s' "$2" | grep -o "\"$1\":\(\"[^\"]*\"\|[0-9.-]*\)" | head -n1 | sed -e "s/^\"$1\"://" -e 's/^"//' -e 's/"$//'
}

# JSON string literal of $1.
json_string() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}
