<?php
// SPDX-License-Identifier: AGPL-3.0-or-later
//
// expand.php: prints the dates of every series in an iCalendar file as
// sabre/vobject (Debian php-sabre-vobject 2.1, the library under Nextcloud
// and Baikal) expands them, its RecurrenceIterator with the overrides:
//   php expand.php FILE FROM TO
// FROM and TO are UTC instants (20260101T000000Z). One line per date
// starting in [FROM, TO): "UID START [CANCELLED]", START in UTC
// (20270202T090000Z) or a day (20261018) for whole-day series; sorted.
// VObject 2's iterator does not expand RDATE: its values are added here,
// read with their TZID.

require_once 'Sabre/VObject/autoload.php';

use Sabre\VObject;

if ($argc !== 4) {
    fwrite(STDERR, "usage: php expand.php FILE FROM TO\n");
    exit(2);
}
$utc = new DateTimeZone('UTC');
$from = DateTime::createFromFormat('Ymd\THis\Z', $argv[2], $utc);
$to = DateTime::createFromFormat('Ymd\THis\Z', $argv[3], $utc);
$vcal = VObject\Reader::read(file_get_contents($argv[1]));

$lines = array();
$line = function ($uid, DateTime $start, $allDay, $status) use (&$lines, $from, $to, $utc) {
    $at = $allDay ? new DateTime($start->format('Y-m-d'), $utc) : $start;
    if ($at < $from || $at >= $to) {
        return;
    }
    $s = $allDay ? $start->format('Ymd') : (clone $start)->setTimezone($utc)->format('Ymd\THis\Z');
    $lines[] = $uid . ' ' . $s . (strtoupper($status) === 'CANCELLED' ? ' CANCELLED' : '');
};
foreach ($vcal->select('VEVENT') as $ev) {
    if (isset($ev->{'RECURRENCE-ID'}) || !(isset($ev->RRULE) || isset($ev->RDATE))) {
        continue;
    }
    $uid = (string)$ev->UID;
    $allDay = $ev->DTSTART->getDateType() === VObject\Property\DateTime::DATE;
    $it = new VObject\RecurrenceIterator($vcal, $uid);
    for ($n = 0; $it->valid() && $n < 10000; $it->next(), $n++) {
        $o = $it->getEventObject();
        $start = $o->DTSTART->getDateTime();
        if ($start > $to && $it->getDtStart() > $to) {
            break;
        }
        $line($uid, $start, $allDay, (string)$o->STATUS);
    }
    foreach ($ev->select('RDATE') as $rdate) {
        $tz = isset($rdate['TZID']) ? new DateTimeZone((string)$rdate['TZID']) : $utc;
        foreach (explode(',', (string)$rdate->value) as $v) {
            $d = DateTime::createFromFormat(strlen($v) === 8 ? '!Ymd' : (substr($v, -1) === 'Z' ? 'Ymd\THis\Z' : 'Ymd\THis'), $v,
                substr($v, -1) === 'Z' ? $utc : $tz);
            $line($uid, $d, $allDay, (string)$ev->STATUS);
        }
    }
}
sort($lines, SORT_STRING);
foreach ($lines as $l) {
    echo $l, "\n";
}
