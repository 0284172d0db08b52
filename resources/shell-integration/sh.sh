# Handrail shell integration for POSIX sh (dash, busybox ash). Loaded through $ENV for local
# shells or typed into a remote shell by the host, which sets __hr_nonce first.
# sh has no hook before a command runs, so there is no C mark: the host takes the command line
# from the echoed input after B and counts a command when that line is not empty.
# PS1 is expanded with command substitution in the prompt (POSIX), which runs in a subshell that
# sees $? of the last command, the nonce and the functions.
if [ -n "${HANDRAIL_NONCE:-}" ]; then
  __hr_nonce=$HANDRAIL_NONCE
  unset HANDRAIL_NONCE
  if [ -n "${HANDRAIL_USER_ENV:-}" ]; then
    __hr_env=$HANDRAIL_USER_ENV
    unset HANDRAIL_USER_ENV
    [ -r "$__hr_env" ] && . "$__hr_env"
    unset __hr_env
  fi
fi
if [ -n "${__hr_nonce:-}" ] && [ -z "${__hr_installed:-}" ]; then
  __hr_installed=1
  __hr_mark() { printf '\033]633;%s;%s%s\007' "$1" "$__hr_nonce" "${2:+;$2}"; }
  PS1='$(__hr_mark D "$?"; __hr_mark A)'"${PS1:-\$ }"'$(__hr_mark B)'
fi
