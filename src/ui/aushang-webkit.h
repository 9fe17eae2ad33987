/* aushang-webkit.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WebKit, loaded when the preview first needs it rather than when the
 * program starts: WebKit and the ~90 libraries it brings took the dynamic
 * loader longer than the rest of the program's start together (~50 ms of
 * processor time before main(), 80k symbol relocations), all before the
 * window could show. The preview's calls of WebKit go through a table of
 * the functions it uses, filled from the library on the first call; the
 * program is not linked with WebKit (the linker drops it, nothing else
 * refers to it).
 *
 * Include after <webkit/webkit.h>, in the one file that uses WebKit. A
 * WebKit function newly used there goes into AUSHANG_WEBKIT_FUNCTIONS and
 * gets its #define below (`nm -u` of the object file must list no webkit_
 * or jsc_ symbol, else the program is linked with WebKit again).
 */

#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

#define AUSHANG_WEBKIT_FUNCTIONS(F) \
  F (jsc_value_is_boolean) \
  F (jsc_value_is_number) \
  F (jsc_value_is_string) \
  F (jsc_value_to_boolean) \
  F (jsc_value_to_int32) \
  F (jsc_value_to_string) \
  F (webkit_context_menu_get_items) \
  F (webkit_context_menu_get_n_items) \
  F (webkit_context_menu_item_get_stock_action) \
  F (webkit_context_menu_remove) \
  F (webkit_javascript_error_quark) \
  F (webkit_navigation_action_get_navigation_type) \
  F (webkit_navigation_action_get_request) \
  F (webkit_navigation_action_is_redirect) \
  F (webkit_navigation_policy_decision_get_navigation_action) \
  F (webkit_navigation_policy_decision_get_type) \
  F (webkit_network_session_new_ephemeral) \
  F (webkit_policy_decision_ignore) \
  F (webkit_policy_decision_use) \
  F (webkit_security_manager_register_uri_scheme_as_local) \
  F (webkit_security_manager_register_uri_scheme_as_secure) \
  F (webkit_settings_set_enable_back_forward_navigation_gestures) \
  F (webkit_settings_set_enable_developer_extras) \
  F (webkit_settings_set_enable_html5_database) \
  F (webkit_settings_set_enable_html5_local_storage) \
  F (webkit_settings_set_enable_javascript_markup) \
  F (webkit_settings_set_javascript_can_open_windows_automatically) \
  F (webkit_settings_set_media_playback_requires_user_gesture) \
  F (webkit_uri_request_get_uri) \
  F (webkit_uri_scheme_request_finish) \
  F (webkit_uri_scheme_request_finish_error) \
  F (webkit_uri_scheme_request_get_path) \
  F (webkit_uri_scheme_request_get_uri) \
  F (webkit_uri_scheme_request_get_web_view) \
  F (webkit_user_content_manager_register_script_message_handler) \
  F (webkit_web_context_get_security_manager) \
  F (webkit_web_context_register_uri_scheme) \
  F (webkit_web_view_call_async_javascript_function) \
  F (webkit_web_view_call_async_javascript_function_finish) \
  F (webkit_web_view_evaluate_javascript) \
  F (webkit_web_view_evaluate_javascript_finish) \
  F (webkit_web_view_get_context) \
  F (webkit_web_view_get_settings) \
  F (webkit_web_view_get_type) \
  F (webkit_web_view_get_user_content_manager) \
  F (webkit_web_view_load_html) \
  F (webkit_web_view_stop_loading) \

typedef struct
{
#define AUSHANG_WEBKIT_MEMBER(name) __typeof__ (name) *name;
  AUSHANG_WEBKIT_FUNCTIONS (AUSHANG_WEBKIT_MEMBER)
#undef AUSHANG_WEBKIT_MEMBER
} AushangWebKit;

/* The functions, WebKit loaded on the first call (from any thread). */
const AushangWebKit *aushang_webkit (void);

#ifndef AUSHANG_WEBKIT_NO_REDIRECT
#define jsc_value_is_boolean                                          (aushang_webkit ()->jsc_value_is_boolean)
#define jsc_value_is_number                                           (aushang_webkit ()->jsc_value_is_number)
#define jsc_value_is_string                                           (aushang_webkit ()->jsc_value_is_string)
#define jsc_value_to_boolean                                          (aushang_webkit ()->jsc_value_to_boolean)
#define jsc_value_to_int32                                            (aushang_webkit ()->jsc_value_to_int32)
#define jsc_value_to_string                                           (aushang_webkit ()->jsc_value_to_string)
#define webkit_context_menu_get_items                                 (aushang_webkit ()->webkit_context_menu_get_items)
#define webkit_context_menu_get_n_items                               (aushang_webkit ()->webkit_context_menu_get_n_items)
#define webkit_context_menu_item_get_stock_action                     (aushang_webkit ()->webkit_context_menu_item_get_stock_action)
#define webkit_context_menu_remove                                    (aushang_webkit ()->webkit_context_menu_remove)
#define webkit_javascript_error_quark                                 (aushang_webkit ()->webkit_javascript_error_quark)
#define webkit_navigation_action_get_navigation_type                  (aushang_webkit ()->webkit_navigation_action_get_navigation_type)
#define webkit_navigation_action_get_request                          (aushang_webkit ()->webkit_navigation_action_get_request)
#define webkit_navigation_action_is_redirect                          (aushang_webkit ()->webkit_navigation_action_is_redirect)
#define webkit_navigation_policy_decision_get_navigation_action       (aushang_webkit ()->webkit_navigation_policy_decision_get_navigation_action)
#define webkit_navigation_policy_decision_get_type                    (aushang_webkit ()->webkit_navigation_policy_decision_get_type)
#define webkit_network_session_new_ephemeral                          (aushang_webkit ()->webkit_network_session_new_ephemeral)
#define webkit_policy_decision_ignore                                 (aushang_webkit ()->webkit_policy_decision_ignore)
#define webkit_policy_decision_use                                    (aushang_webkit ()->webkit_policy_decision_use)
#define webkit_security_manager_register_uri_scheme_as_local          (aushang_webkit ()->webkit_security_manager_register_uri_scheme_as_local)
#define webkit_security_manager_register_uri_scheme_as_secure         (aushang_webkit ()->webkit_security_manager_register_uri_scheme_as_secure)
#define webkit_settings_set_enable_back_forward_navigation_gestures   (aushang_webkit ()->webkit_settings_set_enable_back_forward_navigation_gestures)
#define webkit_settings_set_enable_developer_extras                   (aushang_webkit ()->webkit_settings_set_enable_developer_extras)
#define webkit_settings_set_enable_html5_database                     (aushang_webkit ()->webkit_settings_set_enable_html5_database)
#define webkit_settings_set_enable_html5_local_storage                (aushang_webkit ()->webkit_settings_set_enable_html5_local_storage)
#define webkit_settings_set_enable_javascript_markup                  (aushang_webkit ()->webkit_settings_set_enable_javascript_markup)
#define webkit_settings_set_javascript_can_open_windows_automatically (aushang_webkit ()->webkit_settings_set_javascript_can_open_windows_automatically)
#define webkit_settings_set_media_playback_requires_user_gesture      (aushang_webkit ()->webkit_settings_set_media_playback_requires_user_gesture)
#define webkit_uri_request_get_uri                                    (aushang_webkit ()->webkit_uri_request_get_uri)
#define webkit_uri_scheme_request_finish                              (aushang_webkit ()->webkit_uri_scheme_request_finish)
#define webkit_uri_scheme_request_finish_error                        (aushang_webkit ()->webkit_uri_scheme_request_finish_error)
#define webkit_uri_scheme_request_get_path                            (aushang_webkit ()->webkit_uri_scheme_request_get_path)
#define webkit_uri_scheme_request_get_uri                             (aushang_webkit ()->webkit_uri_scheme_request_get_uri)
#define webkit_uri_scheme_request_get_web_view                        (aushang_webkit ()->webkit_uri_scheme_request_get_web_view)
#define webkit_user_content_manager_register_script_message_handler   (aushang_webkit ()->webkit_user_content_manager_register_script_message_handler)
#define webkit_web_context_get_security_manager                       (aushang_webkit ()->webkit_web_context_get_security_manager)
#define webkit_web_context_register_uri_scheme                        (aushang_webkit ()->webkit_web_context_register_uri_scheme)
#define webkit_web_view_call_async_javascript_function                (aushang_webkit ()->webkit_web_view_call_async_javascript_function)
#define webkit_web_view_call_async_javascript_function_finish         (aushang_webkit ()->webkit_web_view_call_async_javascript_function_finish)
#define webkit_web_view_evaluate_javascript                           (aushang_webkit ()->webkit_web_view_evaluate_javascript)
#define webkit_web_view_evaluate_javascript_finish                    (aushang_webkit ()->webkit_web_view_evaluate_javascript_finish)
#define webkit_web_view_get_context                                   (aushang_webkit ()->webkit_web_view_get_context)
#define webkit_web_view_get_settings                                  (aushang_webkit ()->webkit_web_view_get_settings)
#define webkit_web_view_get_type                                      (aushang_webkit ()->webkit_web_view_get_type)
#define webkit_web_view_get_user_content_manager                      (aushang_webkit ()->webkit_web_view_get_user_content_manager)
#define webkit_web_view_load_html                                     (aushang_webkit ()->webkit_web_view_load_html)
#define webkit_web_view_stop_loading                                  (aushang_webkit ()->webkit_web_view_stop_loading)

/* The casts of the types declared with G_DECLARE_*: their inline functions
 * would call the library's own get_type(). */
#define WEBKIT_WEB_VIEW(obj) (G_TYPE_CHECK_INSTANCE_CAST ((obj), webkit_web_view_get_type (), WebKitWebView))
#define WEBKIT_NAVIGATION_POLICY_DECISION(obj) \
  (G_TYPE_CHECK_INSTANCE_CAST ((obj), webkit_navigation_policy_decision_get_type (), WebKitNavigationPolicyDecision))
#endif

G_END_DECLS
