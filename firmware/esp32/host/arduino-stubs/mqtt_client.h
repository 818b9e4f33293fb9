// ESP-IDF 4.4's MQTT client (esp-mqtt, shipped in Arduino-ESP32 2.0.x): the configuration fields and calls the
// sketch uses, with the same names and types. (IDF 5 nests the configuration; see the README.)
#pragma once
#include <cstdint>

typedef const char* esp_event_base_t;
typedef int esp_err_t;
#define ESP_OK 0
#define ESP_EVENT_ANY_ID (-1)

typedef enum { MQTT_PROTOCOL_UNDEFINED = 0, MQTT_PROTOCOL_V_3_1, MQTT_PROTOCOL_V_3_1_1 } esp_mqtt_protocol_ver_t;

typedef enum {
    MQTT_EVENT_ANY = -1, MQTT_EVENT_ERROR = 0, MQTT_EVENT_CONNECTED, MQTT_EVENT_DISCONNECTED, MQTT_EVENT_SUBSCRIBED,
    MQTT_EVENT_UNSUBSCRIBED, MQTT_EVENT_PUBLISHED, MQTT_EVENT_DATA, MQTT_EVENT_BEFORE_CONNECT, MQTT_EVENT_DELETED,
} esp_mqtt_event_id_t;

struct esp_mqtt_client;
typedef struct esp_mqtt_client* esp_mqtt_client_handle_t;

typedef struct {
    esp_mqtt_event_id_t event_id;
    esp_mqtt_client_handle_t client;
    char* data;
    int data_len;
    int total_data_len;
    int current_data_offset;
    char* topic;
    int topic_len;
    int msg_id;
    int session_present;
} esp_mqtt_event_t;
typedef esp_mqtt_event_t* esp_mqtt_event_handle_t;

typedef struct {
    const char* uri;
    const char* client_id;
    const char* lwt_topic;
    const char* lwt_msg;
    int lwt_qos;
    int lwt_retain;
    int lwt_msg_len;
    int disable_clean_session;
    int keepalive;
    bool disable_auto_reconnect;
    const char* cert_pem;
    const char* client_cert_pem;
    const char* client_key_pem;
    esp_mqtt_protocol_ver_t protocol_ver;
    int network_timeout_ms;
    int buffer_size;
} esp_mqtt_client_config_t;

typedef void (*esp_event_handler_t)(void* handler_args, esp_event_base_t base, int32_t event_id, void* event_data);

inline esp_mqtt_client_handle_t esp_mqtt_client_init(const esp_mqtt_client_config_t*) { return nullptr; }
inline esp_err_t esp_mqtt_client_register_event(esp_mqtt_client_handle_t, esp_mqtt_event_id_t, esp_event_handler_t, void*) { return ESP_OK; }
inline esp_err_t esp_mqtt_client_start(esp_mqtt_client_handle_t) { return ESP_OK; }
inline esp_err_t esp_mqtt_client_reconnect(esp_mqtt_client_handle_t) { return ESP_OK; }
inline int esp_mqtt_client_publish(esp_mqtt_client_handle_t, const char*, const char*, int, int, int) { return -1; }
inline int esp_mqtt_client_subscribe(esp_mqtt_client_handle_t, const char*, int) { return -1; }
