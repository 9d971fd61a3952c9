/** Everything the lab's Kamailio needs to know, all on 127.0.0.1. */
export interface KamailioSettings {
  /** SIP over UDP, for baresip. */
  udpPort: number;
  /** SIP over WebSocket (RFC 7118), for the app. */
  wsPort: number;
  /** rtpengine's NG control port. */
  rtpengineNgPort: number;
  /** user name → password, for digest auth of REGISTER and of every new call. */
  subscribers: Record<string, string>;
  /** Answer-group number → the extension whose calls Kamailio diverts there, adding a Diversion header. */
  groups: Record<string, string>;
  /** The user an auto-answering peer registers as, standing in for the PBX's feature-code announcement. */
  announcementUser: string;
  modulesDir: string;
}

export const KAMAILIO_MODULES_DIR = '/usr/lib/x86_64-linux-gnu/kamailio/modules';

const quote = (text: string): string => {
  if (!/^[\w.-]+$/.test(text)) throw new Error(`lab value "${text}" must be letters, digits, dot, dash or underscore`);
  return text;
};

// Offer and answer flags per direction: WebRTC (ICE, DTLS-SRTP, rtcp-mux) on the WebSocket side, plain RTP on UDP.
const toWebRtc = 'ICE=force RTP/SAVPF SDES-off rtcp-mux-offer generate-mid replace-origin replace-session-connection';
const answerToWebRtc = 'ICE=force RTP/SAVPF SDES-off rtcp-mux-require generate-mid replace-origin replace-session-connection';
const toPlainRtp = 'ICE=remove RTP/AVP DTLS=off SDES-off rtcp-mux-demux replace-origin replace-session-connection';

/**
 * A registrar and proxy for the softphone lab: digest auth from a table built at start, SIP over UDP and over
 * WebSocket, nathelper for WebSocket contacts (their host is *.invalid), rtpengine bridging WebRTC to plain RTP,
 * answer groups diverted to an extension with a Diversion header, and feature codes that really change what
 * happens to the next call (do not disturb, forward all, group login/logout).
 */
export const kamailioConfig = (settings: KamailioSettings): string => {
  const subscribers = Object.entries(settings.subscribers)
    .map(([user, password]) => `  $sht(users=>${quote(user)}) = "${quote(password)}";`)
    .join('\n');
  const groups = Object.entries(settings.groups)
    .map(
      ([group, extension]) => `  if ($rU == "${quote(group)}") {
    if ($sht(state=>logout:${group}:${quote(extension)}) != $null) { sl_send_reply("480", "Nobody logged in to group ${group}"); exit; }
    add_diversion("unconditional");
    $rU = "${extension}";
  }`,
    )
    .join('\n');
  return `#!KAMAILIO
debug=2
log_stderror=yes
log_prefix="{$mt $hdr(CSeq) $ci} "
children=2
tcp_children=2
auto_aliases=no
dns=no
rev_dns=no
dns_try_ipv6=no
use_dns_cache=off
dns_srv_lb=no
listen=udp:127.0.0.1:${settings.udpPort}
listen=tcp:127.0.0.1:${settings.wsPort}
# SIP URIs without a port (sip:600@127.0.0.1, as the app dials) mean port 5060; every peer also sits on
# 127.0.0.1, so an alias for any port would make their contacts "myself" and break in-dialog routing.
alias="127.0.0.1:5060"
tcp_accept_no_cl=yes
tcp_connection_lifetime=3605
mpath="${settings.modulesDir}/"

loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "auth.so"
loadmodule "htable.so"
loadmodule "nathelper.so"
loadmodule "rtpengine.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"
loadmodule "diversion.so"

modparam("htable", "htable", "users=>size=4;")
modparam("htable", "htable", "state=>size=6;")
modparam("rtpengine", "rtpengine_sock", "udp:127.0.0.1:${settings.rtpengineNgPort}")
modparam("nathelper", "received_avp", "$avp(RECEIVED)")
modparam("registrar", "received_avp", "$avp(RECEIVED)")
modparam("usrloc", "nat_bflag", 6)
modparam("registrar", "min_expires", 10)
modparam("registrar", "max_expires", 3600)
# No GRUUs (RFC 5627): Linphone would put its public GRUU, which names no port, in the Contact of its dialogs.
modparam("registrar", "gruu_enabled", 0)
modparam("rr", "append_fromtag", 1)

event_route[htable:mod-init] {
${subscribers}
}

event_route[xhttp:request] {
  set_reply_close();
  set_reply_no_connect();
  if ($hdr(Upgrade) =~ "websocket" && $hdr(Connection) =~ "Upgrade" && $rm =~ "GET") {
    if ($hdr(Host) == $null || !is_myself("sip:" + $hdr(Host))) {
      xlog("L_WARN", "LAB refused a WebSocket for Host [$hdr(Host)]\\n");
      xhttp_reply("403", "Forbidden", "", "");
      exit;
    }
    if (ws_handle_handshake()) exit;
  }
  xhttp_reply("404", "Not Found", "", "");
}

request_route {
  xlog("L_INFO", "LAB $rm $ru from $fu via $pr $si:$sp\\n");
  if (is_method("REFER")) xlog("L_NOTICE", "LAB REFER-TO $hdr(Refer-To)\\n");
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  force_rport();
  if (nat_uac_test("64")) {
    setflag(1);
    if (!is_method("REGISTER")) add_contact_alias();
  }
  if (is_method("OPTIONS") && uri == myself && $rU == $null) { sl_send_reply("200", "OK"); exit; }
  route(IN_DIALOG);
  if (is_method("CANCEL")) {
    if (t_check_trans()) { rtpengine_delete(); route(RELAY); }
    exit;
  }
  t_check_trans();
  route(AUTH);
  if (is_method("REGISTER")) {
    if (isflagset(1)) { setbflag(6); fix_nated_register(); }
    if (!save("location")) sl_reply_error();
    exit;
  }
  if (!is_method("INVITE|MESSAGE|OPTIONS|SUBSCRIBE")) { sl_send_reply("405", "Method Not Allowed"); exit; }
  if (is_method("INVITE|SUBSCRIBE")) record_route();
  route(FEATURES);
  route(GROUPS);
  route(USER_STATE);
  if (!lookup("location")) { sl_send_reply("480", "Temporarily Unavailable"); exit; }
  route(RELAY);
}

route[IN_DIALOG] {
  if (!has_totag()) return;
  if (loose_route()) {
    handle_ruri_alias();
    if (is_method("BYE")) rtpengine_delete();
    route(RELAY);
  }
  if (is_method("ACK")) {
    if (t_check_trans()) route(RELAY);
    exit;
  }
  sl_send_reply("404", "Not here");
  exit;
}

route[AUTH] {
  $var(password) = $sht(users=>$au);
  if (is_method("REGISTER")) {
    pv_www_authenticate("$td", "$var(password)", "0");
  } else {
    pv_proxy_authenticate("$fd", "$var(password)", "0");
  }
  $var(result) = $rc;
  if ($var(result) == -2 || $var(result) == -3) {
    xlog("L_NOTICE", "LAB wrong password for [$au]\\n");
    sl_send_reply("403", "Wrong user name or password");
    exit;
  }
  if ($var(result) < 0) {
    if (is_method("REGISTER")) www_challenge("$td", "0"); else proxy_challenge("$fd", "0");
    exit;
  }
  consume_credentials();
}

route[FEATURES] {
  if (!($rU =~ "^[*]")) return;
  if ($rU == "*78") {
    $sht(state=>dnd:$fU) = 1;
  } else if ($rU == "*79") {
    $sht(state=>dnd:$fU) = $null;
  } else if ($rU =~ "^[*]72[0-9]+$") {
    $sht(state=>fwd:$fU) = $(rU{s.substr,3,0});
  } else if ($rU == "*73") {
    $sht(state=>fwd:$fU) = $null;
  } else if ($rU =~ "^[*]45[0-9]+$") {
    $sht(state=>logout:$(rU{s.substr,3,0}):$fU) = $null;
  } else if ($rU =~ "^[*]46[0-9]+$") {
    $sht(state=>logout:$(rU{s.substr,3,0}):$fU) = 1;
  } else {
    sl_send_reply("404", "No such feature code");
    exit;
  }
  xlog("L_NOTICE", "LAB FEATURE $fU dialled $rU\\n");
  $rU = "${quote(settings.announcementUser)}";
}

route[GROUPS] {
${groups}
}

route[USER_STATE] {
  if ($sht(state=>dnd:$rU) != $null) { sl_send_reply("486", "Busy Here (do not disturb)"); exit; }
  if ($sht(state=>fwd:$rU) != $null) {
    add_diversion("unconditional");
    $rU = $sht(state=>fwd:$rU);
  }
}

route[RELAY] {
  t_on_branch("MEDIA_OFFER");
  t_on_reply("MEDIA_ANSWER");
  t_on_failure("FAILED");
  if (!t_relay()) sl_reply_error();
  exit;
}

branch_route[MEDIA_OFFER] {
  if ($du =~ "transport=ws" || $ru =~ "transport=ws") setbflag(2);
  if (!has_body("application/sdp")) return;
  if (isbflagset(2)) rtpengine_offer("${toWebRtc}");
  else rtpengine_offer("${toPlainRtp}");
}

onreply_route[MEDIA_ANSWER] {
  if (nat_uac_test("64")) add_contact_alias();
  if (!has_body("application/sdp")) return;
  if (isflagset(1)) rtpengine_answer("${answerToWebRtc}");
  else rtpengine_answer("${toPlainRtp}");
}

failure_route[FAILED] {
  if (t_is_canceled()) exit;
  rtpengine_delete();
}
`;
};
