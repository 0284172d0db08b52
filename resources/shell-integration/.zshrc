# Local zsh with Handrail: ZDOTDIR points here. Restore the user's ZDOTDIR, read their .zshrc,
# then add the integration.
ZDOTDIR=${HANDRAIL_USER_ZDOTDIR:-$HOME}
unset HANDRAIL_USER_ZDOTDIR
[[ -r "$ZDOTDIR/.zshrc" ]] && . "$ZDOTDIR/.zshrc"
. "${HANDRAIL_INTEGRATION_DIR}/zsh.sh"
unset HANDRAIL_INTEGRATION_DIR
