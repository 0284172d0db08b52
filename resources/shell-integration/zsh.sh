# Handrail shell integration for zsh. Local zsh loads it through ZDOTDIR (the host points ZDOTDIR
# at a folder whose .zshrc sources the user's own and then this file); a remote zsh gets it typed
# in by the host, which sets __hr_nonce first. Same marks as bash.sh: A, B, C, D;<code>.
if [[ -n "${HANDRAIL_NONCE:-}" ]]; then
  __hr_nonce=$HANDRAIL_NONCE
  unset HANDRAIL_NONCE
fi
if [[ -n "${__hr_nonce:-}" && -z "${__hr_installed:-}" ]]; then
  __hr_installed=1
  __hr_mark() { printf '\033]633;%s;%s%s\007' "$1" "$__hr_nonce" "${2:+;$2}"; }
  __hr_b=$(__hr_mark B)
  __hr_precmd() {
    local __hr_status=$?
    __hr_mark D "$__hr_status"
    __hr_mark A
    [[ "$PS1" == *"$__hr_b"* ]] || PS1="${PS1}%{${__hr_b}%}"
    return $__hr_status
  }
  __hr_preexec() { __hr_mark C; }
  autoload -Uz add-zsh-hook
  add-zsh-hook precmd __hr_precmd
  add-zsh-hook preexec __hr_preexec
fi
