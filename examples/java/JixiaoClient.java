import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores 绩效评价 inputs through `jixiao serve`: POST /v1/score?rubric=<id> with the input file as
 * the body. Prints the total, the grade and each deduction (扣分) with its reason; a rejected input
 * prints the service's issues (code, where, message) and the program exits 1.
 *
 * <pre>
 *   java -cp out:/usr/share/java/jackson-databind.jar:/usr/share/java/jackson-core.jar:/usr/share/java/jackson-annotations.jar \
 *     JixiaoClient http://127.0.0.1:8080 [rubric-id input.json]...
 * </pre>
 *
 * Without pairs it scores the Yunxi 2021 evaluation on hunan-department and the Miluo 2018 project
 * form on project-self-evaluation, read from examples/ under the current folder. Scores arrive as
 * decimal strings ("97.86"); they are read as BigDecimal, never as double.
 */
public final class JixiaoClient {

    /** One deduction: the indicator's path, the points lost, the reason the rubric gives. */
    public record Deduction(String indicator, BigDecimal points, String reason) {}

    /** A scored input: total of max, the grade (等级), the deductions, the warnings' messages. */
    public record Score(BigDecimal total, BigDecimal max, String grade, List<Deduction> deductions, List<String> warnings) {}

    /** An input the service refused: its issues, each as "code at where: message". */
    public static final class Rejected extends Exception {
        public final int status;
        public final List<String> issues;

        Rejected(int status, List<String> issues) {
            super("HTTP " + status + ": " + String.join("; ", issues));
            this.status = status;
            this.issues = issues;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;

    public JixiaoClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    /** Scores `input` (JSON or YAML text) on the rubric bundled or registered under `rubricId`. */
    public Score score(String rubricId, byte[] input) throws IOException, InterruptedException, Rejected {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("v1/score?rubric=" + URLEncoder.encode(rubricId, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(input))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer = json.readTree(response.body());
        if (!answer.path("success").asBoolean(false)) {
            List<String> issues = new ArrayList<>();
            for (JsonNode issue : answer.path("issues")) issues.add(describe(issue));
            throw new Rejected(response.statusCode(), issues);
        }
        JsonNode value = answer.path("value");
        List<Deduction> deductions = new ArrayList<>();
        for (JsonNode d : value.path("deductions")) {
            deductions.add(new Deduction(d.path("indicator").asText(), new BigDecimal(d.path("points").asText()), d.path("reason").asText()));
        }
        List<String> warnings = new ArrayList<>();
        for (JsonNode w : answer.path("warnings")) warnings.add(describe(w));
        return new Score(new BigDecimal(value.path("total").asText()), new BigDecimal(value.path("max").asText()), value.path("grade").asText(), deductions, warnings);
    }

    /** "invalid_number at <body>:1:12 (values.全年预算数): “x”不是有效的十进制数字". */
    private static String describe(JsonNode issue) {
        StringBuilder s = new StringBuilder(issue.path("code").asText());
        JsonNode source = issue.path("source");
        if (source.has("line")) s.append(" at ").append(source.path("file").asText()).append(':').append(source.path("line").asInt()).append(':').append(source.path("column").asInt());
        List<String> path = new ArrayList<>();
        for (JsonNode p : issue.path("path")) path.add(p.asText());
        if (!path.isEmpty()) s.append(" (").append(String.join(".", path)).append(')');
        return s.append(": ").append(issue.path("message").asText()).toString();
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 2 == 0) {
            System.err.println("usage: JixiaoClient <base-url> [rubric-id input.json]...");
            System.exit(2);
        }
        List<String[]> jobs = new ArrayList<>();
        for (int i = 1; i + 1 < args.length; i += 2) jobs.add(new String[] {args[i], args[i + 1]});
        if (jobs.isEmpty()) {
            jobs.add(new String[] {"hunan-department", "examples/yunxi-2021/input.json"});
            jobs.add(new String[] {"project-self-evaluation", "examples/miluo-2018-project/input.json"});
        }
        JixiaoClient client = new JixiaoClient(args[0]);
        int failed = 0;
        for (String[] job : jobs) {
            try {
                Score s = client.score(job[0], Files.readAllBytes(Path.of(job[1])));
                System.out.println(job[1] + " on " + job[0] + ": total " + s.total().toPlainString() + " of " + s.max().toPlainString() + ", grade " + s.grade());
                for (Deduction d : s.deductions()) System.out.println("  -" + d.points().toPlainString() + " " + d.indicator() + ": " + d.reason());
                for (String w : s.warnings()) System.out.println("  warning: " + w);
            } catch (Rejected r) {
                failed++;
                System.out.println(job[1] + " on " + job[0] + ": refused (HTTP " + r.status + ")");
                for (String issue : r.issues) System.out.println("  " + issue);
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
