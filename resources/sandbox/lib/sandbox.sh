# Shared by the practice sandbox's stand-in commands (resources/sandbox/bin/). Written for
# Handrail: the output has the shape of the real tools' (Ansible's PLAY/TASK/PLAY RECAP, openstack's
# tables, image pulls) so a trainee learns to read it, but nothing here touches a real system.
# POSIX sh only: the sandbox runs wherever /bin/sh does.
#
# Knobs (docs/sandbox.md):
#   HANDRAIL_SANDBOX_SPEED  seconds of pause per slow step, times this factor (default 1; 0 = none)
#   HANDRAIL_SANDBOX_FAIL   comma-separated "tool:words" that fail every time they match
#   $HANDRAIL_SANDBOX_HOME/fail-once   one "tool:words" per line; fails once, then the line is gone

sb_tool=${0##*/}
sb_home=${HANDRAIL_SANDBOX_HOME:-$HOME}
sb_args="$*"

# A pause of $1 seconds scaled by the speed factor; bounded so a whole template stays in minutes.
sb_pause() {
  sb_seconds=$(awk -v base="$1" -v factor="${HANDRAIL_SANDBOX_SPEED:-1}" \
    'BEGIN { s = base * factor; if (s > 5) s = 5; if (s < 0) s = 0; printf "%.2f", s }')
  [ "$sb_seconds" = "0.00" ] || sleep "$sb_seconds" 2>/dev/null || sleep 1
}

# True when the entry "$1" (tool or tool:words) names this command: the same tool, and the words
# found in its arguments.
sb_entry_matches() {
  case $1 in
    "$sb_tool") return 0 ;;
    "$sb_tool":*) sb_words=${1#*:}; case " $sb_args " in *"$sb_words"*) return 0 ;; esac ;;
  esac
  return 1
}

# True when this command was asked to fail: by the environment (always) or the fail-once file
# (the matching line is removed, so a retry passes, as after fixing the cause).
sb_should_fail() {
  sb_old_ifs=$IFS
  IFS=,
  for sb_entry in ${HANDRAIL_SANDBOX_FAIL:-}; do
    IFS=$sb_old_ifs
    if sb_entry_matches "$sb_entry"; then return 0; fi
  done
  IFS=$sb_old_ifs
  sb_file=$sb_home/fail-once
  [ -f "$sb_file" ] || return 1
  sb_hit=
  : > "$sb_file.next"
  while IFS= read -r sb_line || [ -n "$sb_line" ]; do
    if [ -z "$sb_hit" ] && [ -n "$sb_line" ] && sb_entry_matches "$sb_line"; then
      sb_hit=1
    else
      printf '%s\n' "$sb_line" >> "$sb_file.next"
    fi
  done < "$sb_file"
  mv "$sb_file.next" "$sb_file"
  [ -n "$sb_hit" ]
}

sb_stars() {
  printf '%s ' "$1"
  awk -v n="$((76 - ${#1}))" 'BEGIN { for (i = 0; i < n; i++) printf "*"; print "" }'
}

# An Ansible-style play: sb_play "name" "hosts…" "task" "task" … Each task reports per host;
# changed tasks are those whose name starts with "+". With $sb_failing set, the last task fails
# on the first host and the recap says so; the exit code is then 2, as ansible-playbook's.
sb_play() {
  sb_play_name=$1; sb_hosts=$2; shift 2
  sb_stars "PLAY [$sb_play_name]"
  echo
  sb_ok=0; sb_changed=0; sb_count=$#; sb_index=0; sb_failed_host=
  for sb_task in "$@"; do
    sb_index=$((sb_index + 1))
    sb_label=${sb_task#+}
    sb_stars "TASK [$sb_label]"
    for sb_host in $sb_hosts; do
      sb_pause 0.1
      if [ -n "${sb_failing:-}" ] && [ "$sb_index" -eq "$sb_count" ] && [ -z "$sb_failed_host" ]; then
        sb_failed_host=$sb_host
        echo "fatal: [$sb_host]: FAILED! => {\"changed\": false, \"msg\": \"$sb_label did not complete on $sb_host (sandbox: failure asked for by HANDRAIL_SANDBOX_FAIL or fail-once)\"}"
      elif [ "$sb_task" != "$sb_label" ]; then
        echo "changed: [$sb_host]"
      else
        echo "ok: [$sb_host]"
      fi
    done
    echo
  done
  sb_changes=0
  for sb_task in "$@"; do case $sb_task in +*) sb_changes=$((sb_changes + 1)) ;; esac; done
  sb_stars "PLAY RECAP"
  for sb_host in $sb_hosts; do
    if [ "$sb_host" = "$sb_failed_host" ]; then
      sb_f=1; sb_o=$((sb_count - 1 - sb_changes)); [ "$sb_o" -lt 0 ] && sb_o=0
      sb_c=$sb_changes; [ "$sb_c" -gt $((sb_count - 1)) ] && sb_c=$((sb_count - 1))
    else
      sb_f=0; sb_o=$((sb_count - sb_changes)); sb_c=$sb_changes
    fi
    printf '%-26s : ok=%-4s changed=%-4s unreachable=0    failed=%-4s skipped=0    rescued=0    ignored=0\n' \
      "$sb_host" "$((sb_o + sb_c))" "$sb_c" "$sb_f"
  done
  echo
  if [ -n "$sb_failed_host" ]; then return 2; fi
  return 0
}

# The command's words up to its first option: a play name such as "kayobe overcloud service upgrade".
sb_words() {
  sb_out=$sb_tool
  for sb_arg in "$@"; do
    case $sb_arg in -*) break ;; esac
    sb_out="$sb_out $sb_arg"
  done
  echo "$sb_out"
}

# The hosts a --limit / -l argument names, from the sandbox inventory's groups.
sb_hosts_for() {
  case $1 in
    ''|all|overcloud) echo "controller0 controller1 controller2 compute0 compute1 compute2 compute3 compute4" ;;
    controllers\[0\]*|controllers\[0\],*) echo "controller0 compute0 storage0" ;;
    controllers|control) echo "controller0 controller1 controller2" ;;
    compute) echo "compute0 compute1 compute2 compute3 compute4" ;;
    seed) echo "seed" ;;
    seed-hypervisor) echo "seed-hypervisor" ;;
    wazuh-manager) echo "wazuh-manager" ;;
    *) echo "$1" | tr ',' ' ' ;;
  esac
}

# The value after -l/--limit/--kolla-limit in the arguments, or nothing.
sb_limit() {
  sb_next=
  for sb_arg in "$@"; do
    if [ -n "$sb_next" ]; then echo "$sb_arg"; return; fi
    case $sb_arg in
      -l|--limit|--kolla-limit) sb_next=1 ;;
      --limit=*|--kolla-limit=*) echo "${sb_arg#*=}"; return ;;
    esac
  done
}

# A playbook run named $1 over the hosts of the limit, failing if asked. Exits the command.
sb_playbook() {
  sb_name=$1; shift
  sb_failing=
  if sb_should_fail; then sb_failing=1; fi
  sb_hosts=$(sb_hosts_for "$(sb_limit "$@")")
  sb_play "$sb_name" "$sb_hosts" "Gathering Facts" "+Apply $sb_name" "Check $sb_name"
  exit $?
}
