#!/usr/bin/env bash
# Creates chat-service's DynamoDB tables with the AWS CLI, for anyone who manages tables that way
# (the service itself creates missing tables at start when CHAT_TABLES_CREATE_MISSING=true).
#
# The definitions are not written here: they are chat-service's own
#   chat-service/src/main/resources/dynamodb/chats-table.json
#   chat-service/src/main/resources/dynamodb/chat-participants-table.json
# in `aws dynamodb create-table --cli-input-json` form, the files the service reads too; only the
# table names come from the environment. Idempotent: a table that exists is left alone.
#
# Settings (env): DYNAMODB_ENDPOINT (default http://localhost:8000; set it empty for real AWS),
# AWS_REGION (us-east-1), CHATS_TABLE (Chats), CHAT_PARTICIPANTS_TABLE (ChatParticipants).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DYNAMODB_ENDPOINT=${DYNAMODB_ENDPOINT-http://localhost:8000}
AWS_REGION=${AWS_REGION:-us-east-1}
CHATS_TABLE=${CHATS_TABLE:-Chats}
CHAT_PARTICIPANTS_TABLE=${CHAT_PARTICIPANTS_TABLE:-ChatParticipants}
DEFINITIONS=$ROOT_DIR/chat-service/src/main/resources/dynamodb

require aws "install the AWS CLI (https://aws.amazon.com/cli/), or let chat-service create the tables (CHAT_TABLES_CREATE_MISSING=true)"

aws_dynamodb() {
  if [ -n "$DYNAMODB_ENDPOINT" ]; then
    aws dynamodb --region "$AWS_REGION" --endpoint-url "$DYNAMODB_ENDPOINT" "$@"
  else
    aws dynamodb --region "$AWS_REGION" "$@"
  fi
}

# Emulators accept any credentials; real AWS uses the CLI's own configuration.
if [ -n "$DYNAMODB_ENDPOINT" ] && [ -z "${AWS_ACCESS_KEY_ID:-}" ] && [ -z "${AWS_PROFILE:-}" ]; then
  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
fi

create_table() {
  local table=$1 definition=$2 output
  [ -f "$definition" ] || die "table definition $definition is missing"
  if output=$(aws_dynamodb describe-table --table-name "$table" 2>&1); then
    log "table $table exists; leaving it alone"
    return
  fi
  case $output in
    *ResourceNotFoundException*) ;;
    *) die "cannot describe table $table at ${DYNAMODB_ENDPOINT:-AWS ($AWS_REGION)}: $output" ;;
  esac
  log "creating table $table from ${definition#"$ROOT_DIR"/}"
  if ! output=$(aws_dynamodb create-table --cli-input-json "file://$definition" --table-name "$table" 2>&1); then
    case $output in
      *ResourceInUseException*) log "table $table is being created by someone else" ;;
      *) die "could not create table $table: $output" ;;
    esac
  fi
  aws_dynamodb wait table-exists --table-name "$table"
  log "table $table is active"
}

create_table "$CHATS_TABLE" "$DEFINITIONS/chats-table.json"
create_table "$CHAT_PARTICIPANTS_TABLE" "$DEFINITIONS/chat-participants-table.json"
