package com.taskoverflow.config;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose files, checked as far as a machine without a container engine allows: every
 * TASKOVERFLOW_* setting they make is one the service reads, every service that runs the jar
 * names roles that exist, only the API publishes a port (on the host's loopback), images are
 * pinned, and, where Debian's docker-compose is installed (.ci/run installs it), it accepts them.
 */
class DeploymentFilesTest {

  private static final Path BASE = Path.of("docker", "compose.yaml");
  private static final Path SQS = Path.of("docker", "compose.sqs.yaml");

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services(Path file) throws Exception {
    Map<String, Object> compose = new Yaml().load(Files.readString(file));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(Map<String, Object> service) {
    Object environment = service.get("environment");
    return environment == null ? Map.of() : (Map<String, Object>) environment;
  }

  private static boolean runsTheJar(Map<String, Object> service) {
    return String.valueOf(service.get("image")).startsWith("taskoverflow:");
  }

  private static Set<String> settingsTheServiceReads() {
    Set<String> read = new HashSet<>(ConfigLoader.ENVIRONMENT.keySet());
    read.add(ConfigLoader.CONFIG_FILE_VARIABLE);
    read.add(ConfigLoader.LOG_FORMAT_VARIABLE);
    return read;
  }

  @Test
  void everySettingTheyMakeIsOneTheServiceReads() throws Exception {
    Set<String> read = settingsTheServiceReads();
    List<String> set = new ArrayList<>();
    for (Path file : List.of(BASE, SQS)) {
      services(file).values().forEach(service -> environment(service).keySet().stream()
          .filter(name -> name.startsWith("TASKOVERFLOW_")).forEach(set::add));
    }
    assertFalse(set.isEmpty());
    set.forEach(name -> assertTrue(read.contains(name), name + " is set in a compose file but read by nothing"));
  }

  @Test
  void theJarRunsWithRolesThatExistAndOnlyTheApiPublishesAPort() throws Exception {
    Map<String, Map<String, Object>> services = services(BASE);
    Map<String, Set<Role>> roles = new TreeMap<>();
    services.forEach((name, service) -> {
      if (runsTheJar(service)) {
        roles.put(name, Role.parseList(String.valueOf(environment(service).get("TASKOVERFLOW_ROLES"))));
      }
    });
    assertEquals(Map.of("api", Set.of(Role.HTTP, Role.STORE), "worker", Set.of(Role.WORKER)), roles);
    assertNull(services.get("worker").get("ports"), "a worker publishes no port (so it can be scaled)");
    @SuppressWarnings("unchecked")
    List<String> published = (List<String>) services.get("api").get("ports");
    assertEquals(List.of("127.0.0.1:6400:6400"), published, "the API on the host's loopback only");
  }

  @Test
  void everyImageIsPinnedToAVersion() throws Exception {
    for (Path file : List.of(BASE, SQS)) {
      services(file).forEach((name, service) -> {
        Object image = service.get("image");
        if (image != null) {
          assertTrue(String.valueOf(image).matches("[^:]+:[0-9][\\w.-]*"), file + ": " + name + " image " + image);
        }
      });
    }
    // the Dockerfile's images are build arguments: their defaults are pinned, and every FROM names
    // one of them, an earlier stage or scratch (the jar's stage for each JAR_FROM it takes)
    Map<String, String> arguments = new TreeMap<>();
    Set<String> stages = new HashSet<>(Set.of("scratch"));
    for (String line : Files.readAllLines(Path.of("docker", "Dockerfile"))) {
      String[] words = line.split("\\s+");
      if (line.startsWith("ARG ") && words[1].contains("=")) {
        arguments.put(words[1].split("=")[0], words[1].split("=")[1]);
      } else if (line.startsWith("FROM ")) {
        Matcher argument = Pattern.compile("\\$\\{(\\w+_IMAGE)}").matcher(words[1]);
        if (argument.matches()) {
          String image = arguments.get(argument.group(1));
          assertNotNull(image, line + ": no default");
          assertTrue(image.matches("[^:]+:[0-9][\\w.-]*"), line + ": " + image);
        } else {
          for (String jarFrom : List.of("build", "context")) {
            assertTrue(stages.contains(words[1].replace("${JAR_FROM}", jarFrom)), line + " with JAR_FROM=" + jarFrom);
          }
        }
        if (words.length == 4 && words[2].equalsIgnoreCase("AS")) {
          stages.add(words[3]);
        }
      }
    }
    assertEquals("build", arguments.get("JAR_FROM"), "by default the image compiles its jar");
  }

  @Test
  void dockerComposeAcceptsBothShapesWhereItIsInstalled() throws Exception {
    Path composer = Path.of("/usr/bin/docker-compose");
    if (!Files.isExecutable(composer)) {
      assertNotEquals("true", System.getenv("CI"), "CI runs this check: .ci/run installs docker-compose");
      return; // a developer's machine without it: the checks above still ran
    }
    for (List<Path> files : List.of(List.of(BASE), List.of(BASE, SQS))) {
      List<String> command = new ArrayList<>(List.of(composer.toString()));
      files.forEach(file -> command.addAll(List.of("-f", file.toString())));
      command.addAll(List.of("config", "-q"));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker-compose config took over a minute");
      String output = new String(process.getInputStream().readAllBytes());
      assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    }
  }

  // ---- Terraform (deploy/terraform), read with a real HCL2 parser -------------------------------

  private static final Path TERRAFORM = Path.of("deploy", "terraform");
  private static final Path PARSER = TERRAFORM.resolve("check");
  /** The SQS calls the service makes (queue.sqs; with sqs.create-queues false it creates none). */
  private static final Set<String> SQS_CALLS = Set.of("sqs:GetQueueUrl", "sqs:GetQueueAttributes",
      "sqs:ListQueueTags", "sqs:TagQueue", "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility");

  /** Every .tf file as the HCL2 parser reads it, by file name. */
  private static JsonObject terraform() throws Exception {
    assertTrue(Files.isDirectory(PARSER.resolve("node_modules").resolve("@cdktf").resolve("hcl2json")),
        "the HCL2 parser is not installed: .ci/run installs it (npm ci --prefix deploy/terraform/check)");
    List<String> command = new ArrayList<>(List.of("node", PARSER.resolve("parse.js").toString()));
    try (var files = Files.list(TERRAFORM)) {
      files.filter(file -> file.toString().endsWith(".tf")).sorted().forEach(file -> command.add(file.toString()));
    }
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), "a .tf file does not parse (the reason is above)");
    return new JsonObject(output);
  }

  /** type -> name -> its (first) block, over every file, for "resource" or "data". */
  private static Map<String, Map<String, JsonObject>> blocks(JsonObject files,
      String kind) {
    Map<String, Map<String, JsonObject>> found = new TreeMap<>();
    files.forEach(file -> {
      JsonObject byType = ((JsonObject) file.getValue()).getJsonObject(kind);
      if (byType != null) {
        byType.forEach(type -> ((JsonObject) type.getValue()).forEach(named -> found
            .computeIfAbsent(type.getKey(), t -> new TreeMap<>())
            .put(named.getKey(), ((JsonArray) named.getValue()).getJsonObject(0))));
      }
    });
    return found;
  }

  private static Set<String> names(JsonObject files, String kind) {
    Set<String> names = new TreeSet<>();
    files.forEach(file -> {
      Object declared = ((JsonObject) file.getValue()).getValue(kind);
      if (declared instanceof JsonObject byName) {
        names.addAll(byName.fieldNames());
      } else if (declared instanceof JsonArray list) {
        list.forEach(entry -> names.addAll(((JsonObject) entry).fieldNames()));
      }
    });
    return names;
  }

  @Test
  void everyTerraformFileParsesAndEveryReferenceResolves() throws Exception {
    JsonObject files = terraform();
    Set<String> declared = new TreeSet<>();
    blocks(files, "resource").forEach((type, named) -> named.keySet().forEach(name -> declared.add(type + "." + name)));
    blocks(files, "data").forEach((type, named) -> named.keySet().forEach(name -> declared.add("data." + type + "." + name)));
    names(files, "variable").forEach(name -> declared.add("var." + name));
    names(files, "locals").forEach(name -> declared.add("local." + name));
    assertTrue(declared.contains("aws_ecs_service.worker") && declared.contains("var.region"), declared::toString);

    Matcher reference = Pattern
        .compile("(?<![\\w.])((?:data\\.)?aws_[a-z0-9_]+\\.[a-z0-9_]+|var\\.[a-z0-9_]+|local\\.[a-z0-9_]+)")
        .matcher(files.encode());
    Set<String> referenced = new TreeSet<>();
    while (reference.find()) {
      referenced.add(reference.group(1));
    }
    referenced.removeIf(name -> name.startsWith("aws_") && name.split("\\.")[1].equals("amazonaws")); // service names
    assertTrue(referenced.size() > 20, referenced::toString);

    Matcher setting = Pattern.compile("TASKOVERFLOW_[A-Z_]+").matcher(files.encode());
    while (setting.find()) {
      assertTrue(settingsTheServiceReads().contains(setting.group()), setting.group() + " is set in Terraform but read by nothing");
    }
    Set<String> unresolved = new TreeSet<>(referenced);
    unresolved.removeAll(declared);
    assertEquals(Set.of(), unresolved, "references to nothing declared");
  }

  @Test
  void theLoadBalancerIsOpenOnlyToAllowedCidrsAndHttpsTakesOverWithACertificate() throws Exception {
    Map<String, Map<String, JsonObject>> resources = blocks(terraform(), "resource");
    JsonArray ingress = resources.get("aws_security_group").get("alb").getJsonArray("ingress");
    assertEquals(2, ingress.size());
    ingress.forEach(rule -> assertEquals("${var.allowed_cidrs}", ((JsonObject) rule).getValue("cidr_blocks"),
        rule::toString));
    JsonObject https = resources.get("aws_lb_listener").get("https");
    assertEquals("${var.certificate_arn == \"\" ? 0 : 1}", https.getValue("count"));
    assertEquals("${var.certificate_arn}", https.getValue("certificate_arn"));
    assertTrue(https.getString("ssl_policy").startsWith("ELBSecurityPolicy-TLS13"), https.getString("ssl_policy"));
    JsonObject http = resources.get("aws_lb_listener").get("http").getJsonArray("default_action").getJsonObject(0);
    assertEquals("${var.certificate_arn == \"\" ? \"forward\" : \"redirect\"}", http.getValue("type"));
    String api = resources.get("aws_ecs_task_definition").get("api").encode();
    for (String setting : List.of("MODE", "ISSUER", "AUDIENCE", "AUDIENCE_CLAIM", "CLIENT_ID", "ADMIN_ROLE",
        "ROLES_CLAIM")) {
      assertTrue(api.contains("TASKOVERFLOW_AUTH_" + setting), "the API task gets TASKOVERFLOW_AUTH_" + setting);
    }
  }

  @Test
  void cognitoIsOptionalAndSignsThePageInWithTheCodeFlowAndNoSecret() throws Exception {
    JsonObject files = terraform();
    Map<String, Map<String, JsonObject>> resources = blocks(files, "resource");
    for (String made : List.of("aws_cognito_user_pool.users", "aws_cognito_user_pool_client.page",
        "aws_cognito_user_pool_domain.page")) {
      String[] name = made.split("\\.");
      assertEquals("${local.cognito}", resources.get(name[0]).get(name[1]).getValue("count"), made + " only when asked for");
    }
    JsonObject client = resources.get("aws_cognito_user_pool_client").get("page");
    assertEquals(false, client.getValue("generate_secret"), "a browser cannot keep a secret");
    assertEquals(new JsonArray().add("code"), client.getValue("allowed_oauth_flows"));
    assertEquals(new JsonArray().add("${local.page_url}").add("${local.page_url}jobs"), client.getValue("callback_urls"),
        "the page and the dashboard sign in");
    String locals = files.encode();
    assertTrue(locals.contains("cognito:groups") && locals.contains("audience_claim = \\\"client_id\\\""),
        "Cognito's access tokens: groups in cognito:groups, the app client in client_id (no aud)");
    assertTrue(locals.contains("TASKOVERFLOW_AUTH_FEED_SECRET"), "the feed key comes from SSM when set");
  }

  @Test
  void aQueueIsFifoExactlyWhenItsNameSaysSo() throws Exception {
    Map<String, JsonObject> queues = blocks(terraform(), "resource").get("aws_sqs_queue");
    assertEquals(Set.of("prac", "prac_fifo", "jobs", "jobs_dead_letters"), queues.keySet());
    queues.forEach((name, queue) -> assertEquals(Boolean.TRUE.equals(queue.getValue("fifo_queue")),
        queue.getString("name").endsWith(".fifo"), name));
    assertEquals("csse6400_prac", queues.get("prac").getString("name"));
    assertEquals(Boolean.TRUE, queues.get("prac_fifo").getValue("content_based_deduplication"));
    assertTrue(queues.get("jobs").getString("redrive_policy").contains("aws_sqs_queue.jobs_dead_letters.arn"));
  }

  @Test
  void theTaskRoleMayMakeExactlyTheServicesSqsCallsOnExactlyItsQueues() throws Exception {
    JsonObject policy = blocks(terraform(), "data").get("aws_iam_policy_document").get("task");
    List<JsonObject> sqs = new ArrayList<>();
    policy.getJsonArray("statement").forEach(statement -> {
      JsonObject s = (JsonObject) statement;
      if (s.getJsonArray("actions").stream().anyMatch(action -> String.valueOf(action).startsWith("sqs:"))) {
        sqs.add(s);
      }
    });
    assertEquals(1, sqs.size(), "one statement for SQS");
    Set<String> actions = new TreeSet<>();
    sqs.get(0).getJsonArray("actions").forEach(action -> actions.add(String.valueOf(action)));
    assertEquals(new TreeSet<>(SQS_CALLS), actions);
    assertEquals(new JsonArray(List.of("${aws_sqs_queue.jobs.arn}",
        "${aws_sqs_queue.jobs_dead_letters.arn}")), sqs.get(0).getValue("resources"), "the job queue and its dead letters");
  }

  @Test
  void terraformFmtPassesWhereTerraformIsInstalled() throws Exception {
    Path terraform = Path.of("/usr/local/bin/terraform");
    if (!Files.isExecutable(terraform)) {
      return; // not a Debian package: where it is missing, the parser's checks above still ran
    }
    Process process = new ProcessBuilder(terraform.toString(), "fmt", "-check", "-recursive", TERRAFORM.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), "terraform fmt -check: " + output);
  }
}
