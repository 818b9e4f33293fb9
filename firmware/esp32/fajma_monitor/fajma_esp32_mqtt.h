// The MQTT transport on the board: ESP-IDF's esp-mqtt over TLS with the device certificate (mTLS), the last will, QoS
// per message, and the PUBACK of each publish reported back to the core so the outbox can let the message go.
#pragma once
#include <Arduino.h>
#include <mqtt_client.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "fajma_device.hpp"

namespace fajma_esp32 {

// esp-mqtt runs its own task: its events are queued here under a lock and handed to the core from loop().
class Mqtt : public fajma::Transport {
public:
    void configure(const std::string& uri, const std::string& clientId, const std::string& will, const std::string& ca,
                   const std::string& cert, const std::string& key) {
        uri_ = uri; clientId_ = clientId; will_ = will; ca_ = ca; cert_ = cert; key_ = key;
    }
    bool connected() override { return connected_; }
    bool connect() override {
        if (!client_) {
            esp_mqtt_client_config_t cfg{};
            cfg.uri = uri_.c_str();
            cfg.client_id = clientId_.c_str();
            cfg.cert_pem = ca_.c_str();          // only the platform CA is trusted (pinned)
            cfg.client_cert_pem = cert_.c_str();  // mTLS: the certificate is the device's identity
            cfg.client_key_pem = key_.c_str();
            cfg.lwt_topic = will_.c_str();
            cfg.lwt_msg = fajma::Device::kOfflineWill;
            cfg.lwt_qos = 1;
            cfg.disable_clean_session = 1;       // the broker keeps QoS 1 commands while the device is away
            cfg.disable_auto_reconnect = true;    // the core's retry policy spaces the attempts
            cfg.keepalive = 30;
            cfg.protocol_ver = MQTT_PROTOCOL_V_3_1_1;
            cfg.buffer_size = 2048;
            client_ = esp_mqtt_client_init(&cfg);
            esp_mqtt_client_register_event(client_, MQTT_EVENT_ANY, &Mqtt::onEvent, this);
            return esp_mqtt_client_start(client_) == ESP_OK;
        }
        return esp_mqtt_client_reconnect(client_) == ESP_OK;
    }
    bool publish(const std::string& topic, const std::string& payload, int qos, std::uint64_t tag) override {
        int id = esp_mqtt_client_publish(client_, topic.c_str(), payload.data(), static_cast<int>(payload.size()), qos, 0);
        if (id < 0) return false;
        std::lock_guard<std::mutex> lock(mutex_);
        if (qos > 0 && tag != 0) tags_[id] = tag;
        return true;
    }
    void subscribe(const std::string& topic) { esp_mqtt_client_subscribe(client_, topic.c_str(), 1); }
    // From loop(): hands what the MQTT task saw to the device.
    void deliver(fajma::Device& device) {
        std::vector<Event> events;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            events.swap(events_);
        }
        for (auto& e : events) {
            if (e.kind == MQTT_EVENT_CONNECTED) { subscribe(device.commandsTopic()); device.onConnected(); }
            else if (e.kind == MQTT_EVENT_DISCONNECTED) device.onDisconnected();
            else if (e.kind == MQTT_EVENT_PUBLISHED) device.onAcknowledged(e.tag, true);
            else if (e.kind == MQTT_EVENT_DATA) device.onCommand(e.data.data(), e.data.size());
        }
    }

private:
    struct Event { esp_mqtt_event_id_t kind; std::uint64_t tag; std::string data; };
    esp_mqtt_client_handle_t client_ = nullptr;
    std::string uri_, clientId_, will_, ca_, cert_, key_;
    volatile bool connected_ = false;
    std::mutex mutex_;
    std::vector<Event> events_;
    std::map<int, std::uint64_t> tags_;

    static void onEvent(void* self, esp_event_base_t, int32_t id, void* data) {
        auto* mqtt = static_cast<Mqtt*>(self);
        auto* event = static_cast<esp_mqtt_event_handle_t>(data);
        std::lock_guard<std::mutex> lock(mqtt->mutex_);
        switch (static_cast<esp_mqtt_event_id_t>(id)) {
            case MQTT_EVENT_CONNECTED: mqtt->connected_ = true; mqtt->events_.push_back({MQTT_EVENT_CONNECTED, 0, {}}); break;
            case MQTT_EVENT_DISCONNECTED: mqtt->connected_ = false; mqtt->tags_.clear(); mqtt->events_.push_back({MQTT_EVENT_DISCONNECTED, 0, {}}); break;
            case MQTT_EVENT_PUBLISHED: {
                auto it = mqtt->tags_.find(event->msg_id);
                if (it == mqtt->tags_.end()) break;
                mqtt->events_.push_back({MQTT_EVENT_PUBLISHED, it->second, {}});
                mqtt->tags_.erase(it);
                break;
            }
            case MQTT_EVENT_DATA:
                if (event->current_data_offset == 0 && event->data_len == event->total_data_len)  // whole commands only (< 2 KiB)
                    mqtt->events_.push_back({MQTT_EVENT_DATA, 0, std::string(event->data, static_cast<std::size_t>(event->data_len))});
                break;
            default: break;
        }
    }
};

}  // namespace fajma_esp32
