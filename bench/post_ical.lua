wrk.method = "POST"
wrk.path = "/api/v1/todos/ical"
