import type { OrganisationService } from '../../../../common/meetings/meetings-config';

/** The native app a service's links can be handed to, and how its dial-in text reads. */
export type AppKind = 'teams' | 'zoom' | 'jitsi' | 'slack';
export type DialInStyle = 'teams' | 'zoom' | 'webex';

export interface MeetingServiceDefinition {
  id: string;
  name: string;
  /**
   * Hosts whose links this service may claim, matched as the host itself or any subdomain of it; `*` for
   * self-hosted software (BigBlueButton, Skype for Business Server, the organisation's own services).
   */
  domains: readonly string[];
  /** Each anchored at the start of a URL; what matches is the join URL. */
  patterns: readonly RegExp[];
  app?: AppKind;
  dialIn?: DialInStyle;
}

const ANY_HOST = ['*'];

/**
 * Every service MeetingBar detects (hosts and link shapes taken from its MeetingServices list), plus BigBlueButton.
 * Where MeetingBar accepts any path of a host, the pattern here names the meeting path when the service has a
 * recognisable one, so help pages and marketing links in invitations are not taken for the meeting.
 */
const builtIn: MeetingServiceDefinition[] = [
  {
    id: 'teams',
    name: 'Microsoft Teams',
    domains: ['teams.microsoft.com', 'teams.microsoft.us', 'teams.live.com'],
    patterns: [
      /^https?:\/\/(?:(?:gov|dod|gcc)\.)?teams\.microsoft\.(?:com|us)\/l\/meetup-join\/\S+/i,
      /^https?:\/\/(?:(?:gov|dod|gcc)\.)?teams\.(?:microsoft\.(?:com|us)|live\.com)\/meet\/\d{6,}(?:\?p=[A-Za-z0-9]+)?/i,
    ],
    app: 'teams',
    dialIn: 'teams',
  },
  {
    id: 'zoom',
    name: 'Zoom',
    domains: ['zoom.us', 'zoom.com', 'zoom.com.cn', 'zoom.de', 'zoom-x.us', 'zoom-x.com', 'zoom-x.com.cn', 'zoom-x.de'],
    patterns: [
      /^https:\/\/(?:[a-z0-9-]+\.)*zoom(?:-x)?\.(?:us|com|com\.cn|de)\/(?:[jws]\/\d{9,11}|wc\/join\/\d{9,11}|wc\/\d{9,11}\/join|my\/[\w.-]+|(?:webinar|meeting)\/register\/[\w-]+)(?:[/?#][^\s]*)?/i,
      /^zoommtg:\/\/(?:[a-z0-9-]+\.)*zoom(?:-x)?\.(?:us|com|com\.cn|de)\/join\?\S+/i,
    ],
    app: 'zoom',
    dialIn: 'zoom',
  },
  {
    id: 'zoomgov',
    name: 'ZoomGov',
    domains: ['zoomgov.com'],
    patterns: [/^https?:\/\/(?:[a-z0-9-]+\.)*zoomgov\.com\/[jws]\/\d{9,11}(?:[/?#][^\s]*)?/i],
    app: 'zoom',
    dialIn: 'zoom',
  },
  {
    id: 'webex',
    name: 'Cisco Webex',
    domains: ['webex.com'],
    patterns: [
      /^https?:\/\/(?:[a-z0-9-]+\.)*webex\.com\/(?:[\w-]+\/j\.php\?MTID=[A-Za-z0-9]+\S*|(?:[\w-]+\/)?(?:meet|join)\/[\w.@-]+(?:\?\S*)?|wbxmjs\/joinservice\/\S+)/i,
    ],
    dialIn: 'webex',
  },
  {
    id: 'meet',
    name: 'Google Meet',
    domains: ['meet.google.com'],
    patterns: [
      /^https?:\/\/meet\.google\.com\/(?:_meet\/|lookup\/)?[a-z]{3}-[a-z]{4}-[a-z]{3}(?:\?\S*)?/i,
      /^https?:\/\/meet\.google\.com\/lookup\/[a-z0-9]+/i,
    ],
  },
  {
    id: 'meetStream',
    name: 'Google Meet Stream',
    domains: ['stream.meet.google.com'],
    patterns: [/^https?:\/\/stream\.meet\.google\.com\/stream\/[a-z0-9-]+/i],
  },
  {
    id: 'hangouts',
    name: 'Google Hangouts',
    domains: ['hangouts.google.com'],
    patterns: [/^https?:\/\/hangouts\.google\.com\/(?:hangouts\/_\/|call\/)\S+/i],
  },
  { id: 'duo', name: 'Google Duo', domains: ['duo.app.goo.gl'], patterns: [/^https?:\/\/duo\.app\.goo\.gl\/\S+/i] },
  { id: 'jitsi', name: 'Jitsi', domains: ['meet.jit.si'], patterns: [/^https?:\/\/meet\.jit\.si\/[^/?#\s]+\S*/i], app: 'jitsi' },
  { id: 'chime', name: 'Amazon Chime', domains: ['chime.aws'], patterns: [/^https?:\/\/(?:[a-z0-9-]+\.)*chime\.aws\/\d{6,}/i] },
  {
    id: 'ringcentral',
    name: 'RingCentral',
    domains: ['ringcentral.com'],
    patterns: [/^https?:\/\/(?:[a-z0-9-]+\.)*ringcentral\.com\/(?:j|join)\/\d+\S*/i],
  },
  {
    id: 'gotomeeting',
    name: 'GoToMeeting',
    domains: ['gotomeeting.com', 'goto.com'],
    patterns: [
      /^https?:\/\/(?:[a-z0-9-]+\.)*gotomeeting\.com\/(?:join\/)?\d{9}\S*/i,
      /^https?:\/\/meet\.goto\.com\/\d{9}\S*/i,
      /^https?:\/\/app\.goto\.com\/meeting\/\d{9}\S*/i,
    ],
  },
  {
    id: 'gotowebinar',
    name: 'GoToWebinar',
    domains: ['gotowebinar.com'],
    patterns: [/^https?:\/\/(?:[a-z0-9-]+\.)*gotowebinar\.com\/(?:join|register)\/\d+\S*/i],
  },
  {
    id: 'bluejeans',
    name: 'BlueJeans',
    domains: ['bluejeans.com'],
    patterns: [/^https?:\/\/(?:[a-z0-9-]+\.)*bluejeans\.com\/\d{6,}(?:\/\d+)?\S*/i, /^https?:\/\/bluejeans\.com\/s\/\w+/i],
  },
  { id: 'eightByEight', name: '8x8', domains: ['8x8.vc'], patterns: [/^https?:\/\/8x8\.vc\/\S+/i] },
  { id: 'demio', name: 'Demio', domains: ['event.demio.com'], patterns: [/^https?:\/\/event\.demio\.com\/\S+/i] },
  { id: 'joinMe', name: 'Join.me', domains: ['join.me'], patterns: [/^https?:\/\/join\.me\/[^/\s]+/i] },
  { id: 'whereby', name: 'Whereby', domains: ['whereby.com'], patterns: [/^https?:\/\/whereby\.com\/[^/?#\s]+\S*/i] },
  {
    id: 'uberconference',
    name: 'UberConference',
    domains: ['uberconference.com'],
    patterns: [/^https?:\/\/(?:www\.)?uberconference\.com\/\S+/i],
  },
  { id: 'blizz', name: 'Blizz', domains: ['go.blizz.com'], patterns: [/^https?:\/\/go\.blizz\.com\/\S+/i] },
  {
    id: 'teamviewerMeeting',
    name: 'TeamViewer Meeting',
    domains: ['go.teamviewer.com'],
    patterns: [/^https?:\/\/go\.teamviewer\.com\/\S+/i],
  },
  { id: 'vsee', name: 'VSee', domains: ['vsee.com'], patterns: [/^https?:\/\/vsee\.com\/\S+/i] },
  { id: 'starleaf', name: 'StarLeaf', domains: ['meet.starleaf.com'], patterns: [/^https?:\/\/meet\.starleaf\.com\/\S+/i] },
  { id: 'voov', name: 'Tencent VooV', domains: ['voovmeeting.com'], patterns: [/^https?:\/\/(?:www\.)?voovmeeting\.com\/\S+/i] },
  {
    id: 'facebookWorkplace',
    name: 'Facebook Workplace',
    domains: ['workplace.com'],
    patterns: [/^https?:\/\/(?:[a-z0-9-]+\.)*workplace\.com\/groupcall\/\S+/i],
  },
  { id: 'lifesize', name: 'Lifesize', domains: ['call.lifesizecloud.com'], patterns: [/^https?:\/\/call\.lifesizecloud\.com\/\S+/i] },
  { id: 'skype', name: 'Skype', domains: ['join.skype.com'], patterns: [/^https?:\/\/join\.skype\.com\/\S+/i] },
  { id: 'skypeForBusiness', name: 'Skype for Business', domains: ['meet.lync.com'], patterns: [/^https?:\/\/meet\.lync\.com\/\S+/i] },
  { id: 'facetime', name: 'FaceTime', domains: ['facetime.apple.com'], patterns: [/^https:\/\/facetime\.apple\.com\/join\S*/i] },
  {
    id: 'youtube',
    name: 'YouTube',
    domains: ['youtube.com', 'youtu.be'],
    patterns: [/^https?:\/\/(?:(?:www|m)\.)?(?:youtube\.com\/(?:watch\?\S*v=|live\/|@[\w.-]+\/live)|youtu\.be\/)\S*/i],
  },
  { id: 'vonage', name: 'Vonage Meetings', domains: ['meetings.vonage.com'], patterns: [/^https?:\/\/meetings\.vonage\.com\/\d{9}/i] },
  { id: 'around', name: 'Around', domains: ['around.co'], patterns: [/^https?:\/\/(?:meet\.)?around\.co\/\S+/i] },
  { id: 'jam', name: 'Jam', domains: ['jam.systems'], patterns: [/^https?:\/\/jam\.systems\/\S+/i] },
  {
    id: 'discord',
    name: 'Discord',
    domains: ['discord.com', 'discordapp.com', 'discord.gg'],
    patterns: [/^(?:https?|discord):\/\/(?:(?:www|canary|ptb)\.)?(?:discord(?:app)?\.com\/channels\/\d+\/\d+|discord\.gg\/[\w-]+)/i],
  },
  {
    id: 'blackboardCollaborate',
    name: 'Blackboard Collaborate',
    domains: ['bbcollab.com'],
    patterns: [/^https?:\/\/(?:[a-z]{2}\.)?bbcollab\.com\/\S+/i],
  },
  { id: 'coscreen', name: 'CoScreen', domains: ['join.coscreen.co'], patterns: [/^https?:\/\/join\.coscreen\.co\/\S+/i] },
  { id: 'vowel', name: 'Vowel', domains: ['vowel.com'], patterns: [/^https?:\/\/(?:[a-z0-9-]+\.)*vowel\.com\/#\/g\/\S+/i] },
  { id: 'zhumu', name: 'Zhumu', domains: ['welink.zhumu.com'], patterns: [/^https:\/\/welink\.zhumu\.com\/j\/\d+\?pwd=[a-zA-Z0-9]+/i] },
  { id: 'lark', name: 'Lark', domains: ['vc.larksuite.com'], patterns: [/^https:\/\/vc\.larksuite\.com\/j\/\d+/i] },
  { id: 'feishu', name: 'Feishu', domains: ['vc.feishu.cn'], patterns: [/^https:\/\/vc\.feishu\.cn\/j\/\d+/i] },
  {
    id: 'vimeo',
    name: 'Vimeo',
    domains: ['vimeo.com'],
    patterns: [/^https:\/\/(?:vimeo\.com\/(?:showcase|event)\/\d+|venues\.vimeo\.com\/\S+)/i],
  },
  { id: 'ovice', name: 'oVice', domains: ['ovice.in', 'ovice.com'], patterns: [/^https:\/\/(?:[a-z0-9-]+\.)*ovice\.(?:in|com)\/\S+/i] },
  { id: 'chorus', name: 'Chorus', domains: ['go.chorus.ai'], patterns: [/^https?:\/\/go\.chorus\.ai\/\S+/i] },
  { id: 'pop', name: 'Pop', domains: ['pop.com'], patterns: [/^https?:\/\/pop\.com\/j\/[0-9-]+/i] },
  { id: 'gong', name: 'Gong', domains: ['join.gong.io'], patterns: [/^https?:\/\/(?:[a-z0-9-]+\.)*join\.gong\.io\/\S+/i] },
  { id: 'livestorm', name: 'Livestorm', domains: ['app.livestorm.com'], patterns: [/^https?:\/\/app\.livestorm\.com\/p\/\S+/i] },
  { id: 'luma', name: 'Luma', domains: ['lu.ma'], patterns: [/^https:\/\/lu\.ma\/join\/\S+/i] },
  { id: 'preply', name: 'Preply', domains: ['preply.com'], patterns: [/^https:\/\/preply\.com\/\S+/i] },
  { id: 'userzoom', name: 'UserZoom', domains: ['go.userzoom.com'], patterns: [/^https:\/\/go\.userzoom\.com\/participate\/[a-z0-9-]+/i] },
  { id: 'venue', name: 'Venue', domains: ['app.venue.live'], patterns: [/^https:\/\/app\.venue\.live\/app\/\S+/i] },
  { id: 'teemyco', name: 'Teemyco', domains: ['app.teemyco.com'], patterns: [/^https:\/\/app\.teemyco\.com\/room\/\S+/i] },
  { id: 'demodesk', name: 'Demodesk', domains: ['demodesk.com'], patterns: [/^https:\/\/demodesk\.com\/\S+/i] },
  {
    id: 'zohoCliq',
    name: 'Zoho Cliq',
    domains: ['cliq.zoho.eu', 'cliq.zoho.com', 'cliq.zoho.in'],
    patterns: [/^https:\/\/cliq\.zoho\.(?:eu|com|in)\/meetings\/\S+/i],
  },
  {
    id: 'slack',
    name: 'Slack huddle',
    domains: ['app.slack.com'],
    patterns: [/^https?:\/\/app\.slack\.com\/huddle\/[A-Z0-9]+\/[A-Z0-9]+/i],
    app: 'slack',
  },
  { id: 'reclaim', name: 'Reclaim.ai', domains: ['reclaim.ai'], patterns: [/^https?:\/\/reclaim\.ai\/z\/[A-Za-z0-9./]+/i] },
  { id: 'tuple', name: 'Tuple', domains: ['tuple.app'], patterns: [/^https:\/\/tuple\.app\/c\/\S+/i] },
  {
    id: 'gather',
    name: 'Gather',
    domains: ['app.gather.town'],
    patterns: [/^https?:\/\/app\.gather\.town\/app\/[A-Za-z0-9]+\/[A-Za-z0-9_%-]+\?(?:spawnToken|meeting)=\S+/i],
  },
  { id: 'pumble', name: 'Pumble', domains: ['meet.pumble.com'], patterns: [/^https?:\/\/meet\.pumble\.com\/[a-z-]+/i] },
  {
    id: 'suitConference',
    name: 'Suit Conference',
    domains: ['conference.istesuit.com'],
    patterns: [/^https?:\/\/(?:[a-z0-9-]+\.)*conference\.istesuit\.com\/\S+/i],
  },
  { id: 'doxyMe', name: 'Doxy.me', domains: ['doxy.me'], patterns: [/^https:\/\/(?:[a-z0-9-]+\.)*doxy\.me\/\S+/i] },
  { id: 'calVideo', name: 'Cal Video', domains: ['app.cal.com'], patterns: [/^https?:\/\/app\.cal\.com\/video\/[A-Za-z0-9./]+/i] },
  { id: 'zmPage', name: 'zm.page', domains: ['zm.page'], patterns: [/^https?:\/\/[a-z0-9.-]+\.zm\.page\S*/i] },
  {
    id: 'livekit',
    name: 'LiveKit Meet',
    domains: ['livekit.io'],
    patterns: [/^https?:\/\/meet[a-z0-9.]*\.livekit\.io\/rooms\/[a-z0-9-#]+/i],
  },
  {
    id: 'meetecho',
    name: 'Meetecho',
    domains: ['meetings.conf.meetecho.com'],
    patterns: [/^https?:\/\/meetings\.conf\.meetecho\.com\/\S+/i],
  },
  {
    id: 'streamyard',
    name: 'StreamYard',
    domains: ['streamyard.com'],
    patterns: [/^https:\/\/(?:www\.)?streamyard\.com\/(?:guest\/)?[a-z0-9]{8,13}(?:\/|\?\S*)?/i],
  },
  {
    id: 'riverside',
    name: 'Riverside',
    domains: ['riverside.com', 'riverside.fm'],
    patterns: [/^https?:\/\/riverside\.(?:com|fm)\/studio\/\S+/i],
  },
  {
    id: 'bigbluebutton',
    name: 'BigBlueButton',
    domains: ANY_HOST,
    patterns: [
      /^https?:\/\/[a-z0-9.-]+(?::\d+)?\/(?:b\/[a-z0-9]{3}-[a-z0-9]{3}-[a-z0-9]{3}(?:-[a-z0-9]{3})?|rooms\/[a-z0-9]{3}-[a-z0-9]{3}-[a-z0-9]{3}(?:-[a-z0-9]{3})?(?:\/join)?|bigbluebutton\/api\/join\?\S+)/i,
    ],
  },
  {
    id: 'skypeForBusinessServer',
    name: 'Skype for Business',
    domains: ANY_HOST,
    // Case-sensitive on purpose: the conference ID of a simple URL is upper case, a room name on another service is not.
    patterns: [
      /^https?:\/\/(?:meet|join)\.[a-z0-9.-]+\/(?:[a-z0-9.]+\/)?meet\/[\w.-]+\/[A-Za-z0-9]+/,
      /^https?:\/\/(?:meet|join)\.[a-z0-9.-]+\/[a-z0-9._-]+\/[A-Z0-9]{8}(?=$|[/?#])/,
    ],
  },
];

export interface ServiceCatalogue {
  /** Services that may claim a host, organisation-defined ones first. */
  candidatesFor(host: string): readonly MeetingServiceDefinition[];
  byId(id: string): MeetingServiceDefinition | undefined;
  readonly all: readonly MeetingServiceDefinition[];
}

const organisationDefinition = (service: OrganisationService, index: number): MeetingServiceDefinition => ({
  id: `org:${index}`,
  name: service.name,
  domains: ANY_HOST,
  patterns: [new RegExp(`^(?:${service.urlPattern.replace(/^\^/, '')})\\S*`, 'iu')],
  ...(service.app === 'jitsi' ? { app: 'jitsi' as const } : {}),
});

const hostSuffixes = (host: string): string[] => {
  const suffixes = [host];
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) suffixes.push(host.slice(dot + 1));
  return suffixes;
};

export const createCatalogue = (organisation: readonly OrganisationService[] = []): ServiceCatalogue => {
  const own = organisation.map(organisationDefinition);
  const anyHost = [...own, ...builtIn.filter((service) => service.domains === ANY_HOST)];
  const byDomain = new Map<string, MeetingServiceDefinition[]>();
  for (const service of builtIn) {
    if (service.domains === ANY_HOST) continue;
    for (const domain of service.domains) byDomain.set(domain, [...(byDomain.get(domain) ?? []), service]);
  }
  const all = [...own, ...builtIn];
  const ids = new Map(all.map((service) => [service.id, service]));
  const cache = new Map<string, MeetingServiceDefinition[]>();

  return {
    all,
    byId: (id) => ids.get(id),
    candidatesFor: (host) => {
      const cached = cache.get(host);
      if (cached) return cached;
      // us02web.zoom.us → us02web.zoom.us, zoom.us, us: each suffix may name a service.
      const specific = hostSuffixes(host).flatMap((suffix) => byDomain.get(suffix) ?? []);
      const found = [...own, ...specific, ...anyHost.slice(own.length)];
      if (cache.size < 10_000) cache.set(host, found);
      return found;
    },
  };
};
