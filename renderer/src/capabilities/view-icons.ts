import { CalendarDays, CircleHelp, IdCard, LayoutDashboard, Monitor, Phone, Settings, ShieldCheck, type LucideIcon } from 'lucide-react';
import type { View } from './capability';

/** One icon per pane, the same in the navigation, on the dashboard's card and at the top of the pane. */
export const viewIcons: Record<View, LucideIcon> = {
  dashboard: LayoutDashboard,
  vpn: ShieldCheck,
  officePc: Monitor,
  phone: Phone,
  meetings: CalendarDays,
  profile: IdCard,
  settings: Settings,
  help: CircleHelp,
};
