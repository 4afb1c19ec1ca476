package com.taskoverflow.queue.sqs;

/** SQS cannot be used as set up: the message says, in one sentence, what to set or start. */
public final class SqsSetupException extends RuntimeException {

  public SqsSetupException(String message) {
    super(message, null, false, false);
  }
}
