package com.taskoverflow.http;

import com.taskoverflow.support.OnSqs;

/** Every calendar-job API test again, with SQS as the broker and no Redis. */
@OnSqs
class SqsCalendarJobApiTest extends CalendarJobApiTest {
}
