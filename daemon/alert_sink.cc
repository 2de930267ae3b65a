#include "daemon/alert_sink.h"

#include <prometheus/counter.h>

#include "daemon/kafka_conf.h"
#include "daemon/log.h"
#include "daemon/metrics.h"

namespace netra::daemon {
namespace {

struct RecordCtx {
  EventTicket* ticket;
  prometheus::Counter* on_ack;
  TopicKind kind;
};

void dr_trampoline(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
  static_cast<AlertSink*>(opaque)->on_delivery(msg);
}

void error_trampoline(rd_kafka_t*, int err, const char* reason, void* opaque) {
  static_cast<AlertSink*>(opaque)->on_error(err, reason);
}

}  // namespace

bool permanent_produce_error(rd_kafka_resp_err_t err) {
  switch (err) {
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_INVALID_RECORD:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
    case RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_POLICY_VIOLATION:
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
      return true;
    default:
      return false;
  }
}

AlertSink::AlertSink(Metrics& metrics, EventDone done)
    : metrics_(metrics), done_(std::move(done)) {}

AlertSink::~AlertSink() { stop(); }

bool AlertSink::start(const std::string& brokers, const std::string& alert_topic,
                      const std::string& dead_letter_topic, const std::string& suppressed_topic,
                      const std::map<std::string, std::string>& props, std::string& error,
                      const std::string& transactional_id) {
  KafkaProps defaults = {
      {"bootstrap.servers", brokers},
      {"client.id", "netra"},
      {"linger.ms", "5"},
      // Never give up on a record by time: a broker outage slows the daemon, it loses nothing.
      {"message.timeout.ms", "0"},
      {"queue.buffering.max.messages", "200000"},
  };
  std::map<std::string, ForcedProp> forced = {
      {"enable.idempotence", {"true", "the producer is always idempotent"}}};
  if (!transactional_id.empty()) {
    // A transaction must end within transaction.timeout.ms, so a record cannot wait forever.
    defaults["transaction.timeout.ms"] = "30000";
    defaults["message.timeout.ms"] = "30000";
    forced["transactional.id"] = {transactional_id, "delivery: exactly_once"};
  }
  rd_kafka_conf_t* conf = kafka_conf(KafkaRole::producer, defaults, props, forced, error);
  if (!conf) return false;
  rd_kafka_conf_set_opaque(conf, this);
  rd_kafka_conf_set_dr_msg_cb(conf, dr_trampoline);
  rd_kafka_conf_set_error_cb(conf, error_trampoline);
  char errstr[512];
  rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!rk_) {
    rd_kafka_conf_destroy(conf);
    error = std::string("cannot create the Kafka producer: ") + errstr;
    return false;
  }
  alert_topic_ = rd_kafka_topic_new(rk_, alert_topic.c_str(), nullptr);
  dead_letter_topic_ = rd_kafka_topic_new(rk_, dead_letter_topic.c_str(), nullptr);
  if (!suppressed_topic.empty())
    suppressed_topic_ = rd_kafka_topic_new(rk_, suppressed_topic.c_str(), nullptr);
  poller_ = std::thread([this] {
    while (!stop_.load(std::memory_order_relaxed)) rd_kafka_poll(rk_, 100);
  });
  return true;
}

void AlertSink::produce(rd_kafka_topic_t* topic, EventTicket* ticket, std::string_view key,
                        std::string_view value, rd_kafka_headers_t* headers,
                        prometheus::Counter* on_ack, TopicKind kind) {
  auto* ctx = new RecordCtx{ticket, on_ack, kind};
  int backoff_ms = 1;
  for (;;) {
    rd_kafka_resp_err_t err = rd_kafka_producev(
        rk_, RD_KAFKA_V_RKT(topic), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(key.empty() ? nullptr : const_cast<char*>(key.data()), key.size()),
        RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
        RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE(ctx), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return;  // headers now belong to librdkafka
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL && !abandon_.load(std::memory_order_relaxed)) {
      // Back-pressure: wait for deliveries (served by the poller thread) and try again.
      std::this_thread::sleep_for(std::chrono::milliseconds(backoff_ms));
      backoff_ms = std::min(backoff_ms * 2, 50);
      continue;
    }
    if (headers) rd_kafka_headers_destroy(headers);
    record_failed(err, kind, ticket->offset);
    delete ctx;
    record_done(ticket, false);
    return;
  }
}

void AlertSink::produce_alert(EventTicket* ticket, std::string_view key, std::string_view json,
                              prometheus::Counter* on_ack) {
  produce(alert_topic_, ticket, key, json, nullptr, on_ack, TopicKind::alert);
}

void AlertSink::produce_suppressed(EventTicket* ticket, std::string_view key,
                                   std::string_view json) {
  produce(suppressed_topic_, ticket, key, json, nullptr, nullptr, TopicKind::suppressed);
}

void AlertSink::produce_dead_letter(EventTicket* ticket, std::string_view key,
                                    std::string_view value, std::string_view reason,
                                    const engine::Source& src, prometheus::Counter* on_ack) {
  rd_kafka_headers_t* h = rd_kafka_headers_new(4);
  std::string partition = std::to_string(src.partition);
  std::string offset = std::to_string(src.offset);
  rd_kafka_header_add(h, "netra.reason", -1, reason.data(), reason.size());
  rd_kafka_header_add(h, "netra.source.topic", -1, src.topic.data(), src.topic.size());
  rd_kafka_header_add(h, "netra.source.partition", -1, partition.data(), partition.size());
  rd_kafka_header_add(h, "netra.source.offset", -1, offset.data(), offset.size());
  produce(dead_letter_topic_, ticket, key, value, h, on_ack, TopicKind::dead_letter);
}

void AlertSink::on_delivery(const rd_kafka_message_t* msg) {
  auto* ctx = static_cast<RecordCtx*>(msg->_private);
  if (!ctx) return;
  bool ok = msg->err == RD_KAFKA_RESP_ERR_NO_ERROR;
  if (ok) {
    metrics_.produced(ctx->kind)->Increment();
    if (ctx->on_ack) ctx->on_ack->Increment();
  } else {
    record_failed(msg->err, ctx->kind, ctx->ticket->offset);
  }
  EventTicket* ticket = ctx->ticket;
  delete ctx;
  record_done(ticket, ok);
}

void AlertSink::record_failed(rd_kafka_resp_err_t err, TopicKind topic_kind,
                              int64_t source_offset) {
  metrics_.produce_errors(topic_kind)->Increment();
  const char* kind = topic_kind == TopicKind::alert         ? "an alert"
                     : topic_kind == TopicKind::dead_letter ? "a dead-letter"
                                                            : "a suppressed";
  if (permanent_produce_error(err)) {
    metrics_.produce_refused->Increment();
    refused_.fetch_add(1);
    bool first = false;
    {
      std::lock_guard lock(refusals_mu_);
      first = refusals_[rd_kafka_err2name(err)]++ == 0;
    }
    if (first)
      NETRA_LOG_ERROR(
          "the broker refused %s record for good (source offset %lld): %s: %s; netra stops "
          "consuming, commits nothing past the refused events and exits 4 (further refusals "
          "for this reason are counted, not logged)",
          kind, static_cast<long long>(source_offset), rd_kafka_err2name(err),
          rd_kafka_err2str(err));
    return;
  }
  // Purged or abandoned at shutdown, or timed out (a user-set message.timeout.ms): the event stays
  // uncommitted and is read again. Logged for the first few and then every 1000th.
  if (err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT ||
      err == RD_KAFKA_RESP_ERR__QUEUE_FULL)
    return;
  uint64_t n = failed_logged_.fetch_add(1);
  if (n < 5 || n % 1000 == 0)
    NETRA_LOG_ERROR(
        "%s record failed (source offset %lld): %s; its event is not committed and will be "
        "read again (%llu failures so far)",
        kind, static_cast<long long>(source_offset), rd_kafka_err2str(err),
        static_cast<unsigned long long>(n + 1));
}

std::string AlertSink::refusals() const {
  std::lock_guard lock(refusals_mu_);
  std::string out;
  for (const auto& [reason, n] : refusals_) {
    if (!out.empty()) out += ", ";
    out += reason + " x" + std::to_string(n);
  }
  return out;
}

void AlertSink::record_done(EventTicket* ticket, bool ok) {
  if (!ok) ticket->failed = true;
  if (ticket->remaining.fetch_sub(1) == 1) {
    done_(*ticket, !ticket->failed.load());
    delete ticket;
  }
}

void AlertSink::on_error(int err, const char* reason) {
  auto code = static_cast<rd_kafka_resp_err_t>(err);
  if (code == RD_KAFKA_RESP_ERR__FATAL) {
    char buf[512];
    rd_kafka_fatal_error(rk_, buf, sizeof buf);
    NETRA_LOG_ERROR("fatal producer error: %s", buf);
    fatal_ = true;
    return;
  }
  NETRA_LOG_WARN("kafka producer: %s: %s", rd_kafka_err2name(code), reason);
}

bool AlertSink::flush(std::chrono::milliseconds timeout) {
  if (!rk_) return true;
  return rd_kafka_flush(rk_, static_cast<int>(timeout.count())) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

int AlertSink::outstanding() const { return rk_ ? rd_kafka_outq_len(rk_) : 0; }

void AlertSink::stop() {
  if (!rk_) return;
  stop_ = true;
  if (poller_.joinable()) poller_.join();
  // Records still queued are failed by rd_kafka_destroy's purge; their events stay uncommitted.
  rd_kafka_purge(rk_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_poll(rk_, 0);
  if (alert_topic_) rd_kafka_topic_destroy(alert_topic_);
  if (dead_letter_topic_) rd_kafka_topic_destroy(dead_letter_topic_);
  if (suppressed_topic_) rd_kafka_topic_destroy(suppressed_topic_);
  rd_kafka_destroy(rk_);
  rk_ = nullptr;
}

}  // namespace netra::daemon
