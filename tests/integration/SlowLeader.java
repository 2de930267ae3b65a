// A Kafka consumer-group member that leads the group and takes SLOW_MS to compute each
// assignment: a netra that joins meanwhile has its JoinGroup answered but waits for its first
// assignment (SyncGroup) the whole time. shutdown.sh sends SIGTERM in that window (issue 15,
// defect 2: librdkafka 2.0.2 aborts destroying a cooperative-sticky consumer there).
//
//   java -cp KAFKA_LIBS:DIR SlowLeader BOOTSTRAP GROUP TOPIC SLOW_MS
// Runs until killed. Compiled by shutdown.sh with javac.
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Cluster;

public class SlowLeader {
  static long slowMs = 8000;

  public static class SlowAssignor extends CooperativeStickyAssignor {
    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription subscriptions) {
      try {
        Thread.sleep(slowMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.assign(metadata, subscriptions);
    }
  }

  public static void main(String[] args) {
    slowMs = Long.parseLong(args[3]);
    Properties p = new Properties();
    p.put("bootstrap.servers", args[0]);
    p.put("group.id", args[1]);
    p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    p.put("partition.assignment.strategy", SlowAssignor.class.getName());
    p.put("enable.auto.commit", "false");
    p.put("session.timeout.ms", "30000");
    p.put("heartbeat.interval.ms", "500");
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(args[2]));
      int last = -1;
      for (;;) {
        c.poll(Duration.ofMillis(200));
        if (c.assignment().size() != last) {
          last = c.assignment().size();
          System.out.println("assigned " + last);
        }
      }
    }
  }
}
