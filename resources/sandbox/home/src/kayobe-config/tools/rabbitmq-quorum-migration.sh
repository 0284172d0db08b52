#!/bin/sh
# Practice sandbox stand-in for kayobe-config's RabbitMQ quorum queue migration script.
. "${HANDRAIL_SANDBOX_BIN:?}/../lib/sandbox.sh"
sb_tool=rabbitmq-quorum-migration
sb_playbook "Migrate RabbitMQ queues to quorum queues" --limit controllers
