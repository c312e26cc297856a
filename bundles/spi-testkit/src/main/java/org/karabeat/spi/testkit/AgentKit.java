package org.karabeat.spi.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.w3c.dom.Document;

/**
 * What {@link ResourceAgentKit} and {@link FencingAgentKit} have in common: the options every kit takes
 * (parameters, timeout, thread grace, ignored threads, skipped checks) and the plumbing of a run. A run
 * makes every call on a thread of its own with its request's timeout ({@link OperationRunner}), checks the
 * meta-data first, then what the kit itself checks, then that every call returned within its timeout and
 * left no thread or process running; a check the test skipped is reported so and makes no call.
 *
 * @param <K> the kit, which the options return
 * @param <C> the kit's checks
 */
abstract class AgentKit<K extends AgentKit<K, C>, C extends Enum<C> & Check> {

    /**
     * What sets one kit apart where the kits otherwise run alike: the agents it tests ({@code resource
     * agent}), its checks, the meta-data family of those agents, and which checks are those every kit makes.
     */
    record Profile<C extends Enum<C> & Check>(String agents, Class<C> checks, MetaDataXml.Family family,
            C metaDataPresent, C metaDataWellFormed, C metaDataShape, C withinTimeout, C noThreadLeft) {
    }

    /** An operation of the agent under test, called with a request of type {@code Q}. */
    interface Operation<Q, T> {
        T call(Q request) throws Exception;
    }

    private final Profile<C> profile;
    private final String subject;
    final String type;
    Map<String, String> parameters = new LinkedHashMap<>();
    Duration timeout;
    private Duration threadGrace = ResourceAgentKit.DEFAULT_THREAD_GRACE;
    private Predicate<Thread> ignoredThreads = t -> false;
    private final Set<C> skipped;

    AgentKit(Profile<C> profile, Object agent, String type, Duration timeout) {
        Objects.requireNonNull(agent, "agent");
        this.type = KitResourceRequest.requireText(type, "type");
        this.profile = profile;
        this.subject = profile.agents() + " " + type + " (" + agent.getClass().getName() + ")";
        this.timeout = timeout;
        this.skipped = EnumSet.noneOf(profile.checks());
    }

    /**
     * The parameters the agent is configured with, named as in its meta-data. For a resource agent a valid
     * configuration: validate must accept it, start must start it. For a fencing agent the device's
     * (address, credentials, ...). Empty by default.
     */
    public K withParameters(Map<String, String> values) {
        this.parameters = copy(values, "parameters");
        return self();
    }

    /** The timeout of every call the kit makes (20 s by default, as ocf-tester's). */
    public K withTimeout(Duration value) {
        this.timeout = KitResourceRequest.requirePositive(value, "timeout");
        return self();
    }

    /** How long threads and processes a call started get to end after it returned (1 s by default). */
    public K withThreadGrace(Duration value) {
        this.threadGrace = KitResourceRequest.requirePositive(value, "thread grace");
        return self();
    }

    /**
     * Threads that are not the agent's to stop (a library's shared pool started on first use). Threads the
     * JDK keeps for itself (common fork-join pool, process reaper, HTTP keep-alive) are always ignored.
     */
    public K ignoringThreads(Predicate<Thread> predicate) {
        this.ignoredThreads = this.ignoredThreads.or(Objects.requireNonNull(predicate, "predicate"));
        return self();
    }

    /**
     * Leaves checks out: they are reported NOT_RUN "skipped by the test", are not failures, and the kit
     * makes no call for them (the resource agent kit's start and stop themselves always run). Saying so in
     * the test keeps it visible.
     */
    @SuppressWarnings("unchecked") // only reads the array: no heap pollution
    public K skip(C... checks) {
        skipped.addAll(Arrays.asList(checks));
        return self();
    }

    /** What the meta-data checks ask of the agent: its meta-data for the kit's type. */
    abstract String agentMetaData() throws Exception;

    static Map<String, String> copy(Map<String, String> values, String what) {
        return new LinkedHashMap<>(Objects.requireNonNull(values, what));
    }

    @SuppressWarnings("unchecked") // K is this kit's own class
    private K self() {
        return (K) this;
    }

    /**
     * One run: the node's side of the conversation, calling the agent's operations (requests {@code Q},
     * results {@code T}) by name.
     */
    abstract class KitRun<Q, T> {

        final OperationRunner runner = new OperationRunner(threadGrace, ignoredThreads);
        final Results<C> results = new Results<>(profile.checks(), skipped);
        private final Map<String, Operation<Q, T>> operations;
        private final Function<Q, Duration> timeoutOf;

        KitRun(Map<String, Operation<Q, T>> operations, Function<Q, Duration> timeoutOf) {
            this.operations = operations;
            this.timeoutOf = timeoutOf;
        }

        /** The kit's own checks, in its order: after the meta-data, before the checks of every call. */
        abstract void agentChecks();

        final KitReport execute() {
            metaData();
            agentChecks();
            if (runner.timeoutProblems().isEmpty()) {
                results.pass(profile.withinTimeout(), runner.timeoutSummary());
            } else {
                results.fail(profile.withinTimeout(), String.join("; ", runner.timeoutProblems()));
            }
            results.judge(profile.noThreadLeft(), runner.leftBehindProblems(), runner.leftBehindSummary());
            return results.report(subject);
        }

        /** Calls the operation {@code label} begins with ("start again" is a start) with {@code request}. */
        final Op<T> call(String label, Q request) {
            return call(label, label.split(" ")[0], request);
        }

        /** Calls {@code operation} with {@code request} and the request's timeout, {@code label} in messages. */
        final Op<T> call(String label, String operation, Q request) {
            return runner.run(label, timeoutOf.apply(request), true, () -> {
                Operation<Q, T> o = operations.get(operation);
                if (o == null) {
                    throw new IllegalArgumentException(operation);
                }
                return o.call(request);
            });
        }

        private void metaData() {
            C present = profile.metaDataPresent();
            C wellFormed = profile.metaDataWellFormed();
            C shape = profile.metaDataShape();
            if (!results.wants(present) && !results.wants(wellFormed) && !results.wants(shape)) {
                return;
            }
            MetaDataXml.Family family = profile.family();
            Op<String> op = runner.run("meta-data", timeout, true, AgentKit.this::agentMetaData);
            String xml = op.returned() ? op.value() : null;
            if (xml == null || xml.trim().isEmpty()) {
                results.fail(present, "metaData(\"" + type + "\") must return the agent's " + family.document() + ";"
                        + " the agent " + (xml == null ? op.outcome() : "returned an empty string"));
                results.notRun(wellFormed, "there is no meta-data to parse (see meta-data.present)");
                results.notRun(shape, "there is no meta-data to parse (see meta-data.present)");
                return;
            }
            results.pass(present, "metaData(\"" + type + "\") returned " + xml.length() + " characters");
            String[] problem = new String[1];
            Document doc = MetaDataXml.parse(xml, problem);
            if (doc == null) {
                results.fail(wellFormed, "meta-data must be well-formed XML; " + problem[0]);
                results.notRun(shape, "the meta-data could not be parsed (see meta-data.well-formed)");
                return;
            }
            results.pass(wellFormed, "well-formed XML, root element <" + doc.getDocumentElement().getTagName() + ">");
            List<String> problems = MetaDataXml.shapeProblems(doc, family.actions(), family.timedActions());
            if (problems.isEmpty()) {
                results.pass(shape, "<resource-agent name=\"" + doc.getDocumentElement().getAttribute("name")
                        + "\"> with parameters and " + (family.timedActions() ? "timed actions" : "actions"));
            } else {
                results.fail(shape, "meta-data must have the " + family.name() + " resource-agent shape; "
                        + String.join("; ", problems));
            }
        }
    }
}
