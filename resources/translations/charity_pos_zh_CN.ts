<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AllowanceModel</name>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="31"/>
        <source>Card</source>
        <translation>救助证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="31"/>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="31"/>
        <source>Category</source>
        <translation>救助类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="31"/>
        <source>Members</source>
        <translation>家庭人数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="31"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="32"/>
        <source>Allowance</source>
        <translation>额度</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="32"/>
        <source>Used</source>
        <translation>已领</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="32"/>
        <source>Over by</source>
        <translation>超出</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="32"/>
        <source>Visits (人次)</source>
        <translation>人次</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="33"/>
        <source>Stores</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="41"/>
        <source>{code}: {visits}×, {value}</source>
        <translation>{code}：{visits} 人次，{value}</translation>
    </message>
</context>
<context>
    <name>AllowancePanel</name>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="95"/>
        <source>Left this period</source>
        <translation>本期剩余额度</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="125"/>
        <source>{amount} over</source>
        <translation>超额 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="127"/>
        <source>Allowance {allowance}, used before {used}
This handout {value}: {lines}, {units}</source>
        <translation>本期额度 {allowance}，已领 {used}
本次 {value}：{lines}，{units}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/handout/card.py" line="130"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/handout/card.py" line="131"/>
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="137"/>
        <source>{category}: {count} more</source>
        <translation>{category} 还可领 {count} 件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="139"/>
        <source>{category}: {count} over the limit</source>
        <translation>{category} 超出 {count} 件</translation>
    </message>
</context>
<context>
    <name>AllowanceScreen</name>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="63"/>
        <source>Households past their allowance across stores</source>
        <translation>跨门店超额领取的家庭</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="77"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="95"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/allowance.py" line="114"/>
        <source>No household went past its allowance across stores.</source>
        <translation>没有家庭在各门店合计超出额度。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/allowance.py" line="117"/>
        <source>%n household(s) and periods past the allowance of the district&apos;s rules, all stores together.</source>
        <translation>
            <numerusform>共 %n 户次（家庭 × 期间）在各门店合计超出区额度规则。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../charity_pos/ui/approval.py" line="36"/>
        <source>Manager approval</source>
        <translation>店长批准</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/approval.py" line="51"/>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/approval.py" line="52"/>
        <source>Manager&apos;s PIN</source>
        <translation>店长 PIN 码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/approval.py" line="53"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/approval.py" line="67"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <location filename="../../charity_pos/ui/background.py" line="160"/>
        <source>Stopping…</source>
        <extracomment>Jobs whose thread still runs: kept here, not by their screen, so that a screen closed meanwhile (a log-out) never destroys a running thread. after finished or failed, when the thread is gone the work&apos;s result, after ``done`` was called with it the error, after it was shown the user cancelled: the work stopped, or its result was dropped (``done`` not called) True when work starts, False when it has ended either way</extracomment>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/background.py" line="167"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/background.py" line="168"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <location filename="../../charity_pos/ui/app.py" line="220"/>
        <source>Backup made and checked: {file}</source>
        <extracomment>The store is opened once the log-in window was painted, or this long after it was shown at the latest. What the main window needs, imported after the log-in window is up (``preload``), so that the log-in window comes up sooner and log-in does not wait for it. What opening the store needs, imported first, a step at a time, behind the log-in window.</extracomment>
        <translation>备份完成并已校验：{file}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/backup.py" line="29"/>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/backup.py" line="37"/>
        <source>ALARM: the backup at {time} did not pass its check ({kind}) and was not kept: the store file may be damaged or changed. Run “charity-pos verify” on it and call for help. Last good backup: {good}.</source>
        <translation>警报：{time} 的备份未通过校验（{kind}），未予保留：门店数据文件可能已损坏或被改动。请用“charity-pos verify”检查并求助。最近一次完好的备份：{good}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/backup.py" line="41"/>
        <source>The backup folder {folder} is missing (is the USB disk plugged in, the network folder reachable?): no backup can be made. Last good backup: {good}.</source>
        <translation>备份文件夹 {folder} 不存在（U 盘是否插好、网络文件夹能否访问？）：无法备份。最近一次完好的备份：{good}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/backup.py" line="44"/>
        <source>The backup at {time} failed ({detail}). Last good backup: {good}.</source>
        <translation>{time} 的备份失败（{detail}）。最近一次完好的备份：{good}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/backup.py" line="47"/>
        <source>No backup of this store has been made yet.</source>
        <translation>本店尚未做过备份。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/backup.py" line="49"/>
        <source>The last good backup is more than 2 days old ({good}).</source>
        <translation>最近一次完好的备份已超过 2 天（{good}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/backup.py" line="50"/>
        <source>Last backup {good}, checked: {file}.</source>
        <translation>最近一次备份 {good}，已校验：{file}。</translation>
    </message>
</context>
<context>
    <name>BadRowsModel</name>
    <message>
        <location filename="../../charity_pos/ui/households/importing.py" line="50"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/importing.py" line="50"/>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/importing.py" line="50"/>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/importing.py" line="50"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/importing.py" line="51"/>
        <source>Why it cannot be imported</source>
        <translation>不能导入的原因</translation>
    </message>
</context>
<context>
    <name>BasketEditor</name>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="91"/>
        <source>No line yet: scan the goods first.</source>
        <translation>还没有物品：请先扫码。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="92"/>
        <source>Type a name or its pinyin initials (dm for 大米), then Enter or ↓.</source>
        <translation>输入品名或拼音首字母（dm 即大米），再按 Enter 或 ↓。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="93"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="93"/>
        <source>Quantity of {name}</source>
        <translation>{name} 的数量</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="94"/>
        <source>A whole number, e.g. 3. Or type 3* and Enter in the scan field.</source>
        <translation>请输入整数，例如 3。也可以在扫码框输入 3* 再按 Enter。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="95"/>
        <source>Removed: {name}</source>
        <translation>已删除：{name}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="83"/>
        <source>{amount} past the value left</source>
        <extracomment>Goods to be paid for instead, [(Scanned, quantity)], for the sale&apos;s ticket. The basket changed: the allowance shown is out of date.</extracomment>
        <translation>超出剩余额度 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="85"/>
        <source>{category} {count} past the limit</source>
        <translation>{category} 超出限领 {count} 件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="87"/>
        <location filename="../../charity_pos/ui/handout/lines.py" line="245"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="100"/>
        <source>Scan the relief card first.</source>
        <translation>请先扫描救助卡。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="103"/>
        <source>Handout {number} is finished: scan the next card.</source>
        <translation>发放单 {number} 已完成：请扫描下一张救助卡。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="118"/>
        <source>Past the allowance ({over}): handed out all the same, and logged (this category only warns).</source>
        <translation>超额（{over}）：此类别仅提醒，照常发放并记录在案。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="121"/>
        <source>Past the allowance: {over}</source>
        <translation>超额：{over}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="124"/>
        <location filename="../../charity_pos/ui/handout/lines.py" line="132"/>
        <source>Not approved: nothing added ({over}).</source>
        <translation>未获店长批准：未加入（{over}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="135"/>
        <source>Past the allowance ({over}), approved by {manager}: {reason}</source>
        <translation>超额（{over}），店长 {manager} 已批准：{reason}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="156"/>
        <source>{name} × {quantity}  {value}</source>
        <translation>{name} × {quantity}  {value}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="161"/>
        <source>The books show {on_hand} on hand: check the shelf.</source>
        <translation>账面库存为 {on_hand}：请核对货架。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="190"/>
        <source>{name}: quantity {quantity}</source>
        <translation>{name}：数量 {quantity}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="207"/>
        <source>Nothing is beyond the allowance. Ctrl+F10 moves the current line.</source>
        <translation>没有超额的物品。按 Ctrl+F10 可将当前行转为付费购买。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="220"/>
        <source>There is no sale screen to take these goods.</source>
        <translation>没有收银界面可接收这些商品。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="244"/>
        <source>Moved to the sale&apos;s ticket to be paid for (F9): {goods}</source>
        <translation>已转为付费购买，加入收银单（F9）：{goods}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/lines.py" line="247"/>
        <source>Kept here:</source>
        <translation>未转移：</translation>
    </message>
</context>
<context>
    <name>BillModel</name>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="47"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="47"/>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="47"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="47"/>
        <source>Sale</source>
        <translation>销售单</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="47"/>
        <source>At the counter</source>
        <translation>收银时间</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="48"/>
        <source>On the bill</source>
        <translation>对账单时间</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="48"/>
        <source>Transaction number</source>
        <translation>交易单号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="48"/>
        <source>Reference</source>
        <translation>流水号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="53"/>
        <source>Refund on the bill, no return</source>
        <translation>对账单有退款、无退货</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="53"/>
        <source>On the bill, no sale</source>
        <translation>对账单有、无销售</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="55"/>
        <source>Return&apos;s refund not on the bill</source>
        <translation>退货退款未见于对账单</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="55"/>
        <source>Sale not on the bill</source>
        <translation>销售未见于对账单</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="56"/>
        <source>Refund matched</source>
        <translation>退款已对上</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="56"/>
        <source>Matched</source>
        <translation>已对上</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="65"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/model.py" line="65"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
</context>
<context>
    <name>BillScreen</name>
    <message>
        <location filename="../../charity_pos/ui/bill/view.py" line="47"/>
        <source>Download the day&apos;s bill from the WeChat Pay or Alipay merchant site (WeChat Pay&apos;s is ready after 10:00 the next day and kept three months) and import the CSV file.</source>
        <translation>从微信支付或支付宝商户平台下载当天的对账单（微信支付对账单次日 10:00 后可下载，保留三个月），再导入其 CSV 文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/view.py" line="54"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/view.py" line="59"/>
        <source>Import a bill (Ctrl+O)</source>
        <translation>导入对账单（Ctrl+O）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/view.py" line="60"/>
        <source>Show the day (Enter)</source>
        <translation>查看当天（回车）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/view.py" line="84"/>
        <source>Merchant bill</source>
        <translation>对账</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/view.py" line="87"/>
        <source>Merchant bill: Ctrl+O imports a bill; pick the day and press Enter to see it matched</source>
        <translation>对账：Ctrl+O 导入对账单；选择日期后按回车查看对账结果</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/view.py" line="102"/>
        <source>Import a merchant bill</source>
        <translation>导入商户对账单</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/view.py" line="103"/>
        <source>Merchant bills (*.csv)</source>
        <translation>商户对账单 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/view.py" line="121"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/view.py" line="121"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/bill/view.py" line="122"/>
        <source>{method} bill: %n line(s) imported, {already} already there.</source>
        <translation>
            <numerusform>{method}账单：导入 %n 行，已有 {already} 行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/view.py" line="138"/>
        <source>No bill of this day has been imported yet: every phone payment shows as not on the bill.</source>
        <translation>这一天的对账单尚未导入：所有手机支付都显示为对账单未见。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/bill/view.py" line="142"/>
        <source>Bill {bill} · counter {counter} · matched {matched} · on the bill only {bill_only} · sales not on the bill {sale_only}</source>
        <translation>对账单 {bill} · 收银台 {counter} · 已对上 {matched} · 仅对账单有 {bill_only} · 对账单未见的销售 {sale_only}</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="60"/>
        <source>Scan the relief card</source>
        <extracomment>The panel&apos;s own looks beside the theme&apos;s: what is left in the theme&apos;s big total (``saleTotal``), in red once past the allowance. what the household took this period at the district&apos;s other stores, when anything</extracomment>
        <translation>请扫描救助卡</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="62"/>
        <source>The household comes up masked, with what it has left this period.</source>
        <translation>将显示受助家庭（已脱敏）及本期剩余额度。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="69"/>
        <source>Nothing can be handed out on this card. Scan another card.</source>
        <translation>此卡不能领取物资。请扫描其他救助卡。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="74"/>
        <source>Card {card} · {name} · {id} · {members} · {category} · valid to {valid_to}</source>
        <translation>救助卡 {card} · {name} · {id} · {members} · {category} · 有效期至 {valid_to}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/handout/card.py" line="76"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="81"/>
        <source>{period} · {mode}</source>
        <translation>发放周期 {period} · {mode}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="78"/>
        <source>Enforced: beyond the allowance only with a manager&apos;s approval</source>
        <translation>严格执行：超额须店长批准</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="79"/>
        <source>Warning only: beyond the allowance is handed out and logged</source>
        <translation>仅提醒：超额照常发放并记录</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/card.py" line="82"/>
        <source>Already taken at other stores of the district this period: {amount}</source>
        <translation>本期已在其他门店领取 {amount}</translation>
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="39"/>
        <source>Scan a barcode, or type a name or pinyin initials (Ctrl+F)</source>
        <translation>扫条码，或输入名称、拼音首字母（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="42"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="45"/>
        <source>Show items off sale</source>
        <translation>显示停售商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="53"/>
        <source>New item (Ctrl+N)</source>
        <translation>新增商品（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="54"/>
        <source>Edit (Enter)</source>
        <translation>编辑（Enter）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="75"/>
        <source>Catalog</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="78"/>
        <source>Catalog: Ctrl+F search, Ctrl+N new item, Enter edit, ↓ from search to the list</source>
        <translation>商品目录：Ctrl+F 搜索，Ctrl+N 新增商品，Enter 编辑，↓ 从搜索框进入列表</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/catalog/view.py" line="92"/>
        <source>%n item(s) shown (first {limit})</source>
        <translation>
            <numerusform>显示 %n 件商品（前 {limit} 件）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/catalog/view.py" line="93"/>
        <source>%n item(s) shown</source>
        <translation>
            <numerusform>显示 %n 件商品</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="117"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="117"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="117"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="118"/>
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="118"/>
        <source>Store vouchers</source>
        <translation>储值券</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="120"/>
        <source>Close shift {number}</source>
        <translation>交班 {number}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="136"/>
        <source>Shift {number} · till {till} · opened {time} by {user} · float {float}</source>
        <translation>班次 {number} · 收银台 {till} · {user} 于 {time} 开班 · 备用金 {float}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="140"/>
        <source>{sales} {sales_total} · {returns} {returns_total} · {voids}</source>
        <translation>{sales} {sales_total} · {returns} {returns_total} · {voids}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/sales/shift.py" line="141"/>
        <source>%n sale(s)</source>
        <translation>
            <numerusform>销售 %n 笔</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/sales/shift.py" line="142"/>
        <source>%n return(s)</source>
        <translation>
            <numerusform>退货 %n 笔</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/sales/shift.py" line="143"/>
        <source>%n voided</source>
        <translation>
            <numerusform>作废 %n 笔</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="149"/>
        <source>Cash in the drawer (Enter: next)</source>
        <translation>钱箱现金清点（Enter：下一项）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="169"/>
        <source>Expected and counted</source>
        <translation>应有与实点</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="171"/>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="171"/>
        <source>Expected</source>
        <translation>应有</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="171"/>
        <source>Counted</source>
        <translation>实点</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="172"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="199"/>
        <source>Why the drawer differs, if it does</source>
        <translation>如有差额，请说明原因</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="200"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="211"/>
        <source>Print X report (Ctrl+P)</source>
        <translation>打印 X 报表（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="212"/>
        <source>Save X report as PDF (Ctrl+S)</source>
        <translation>X 报表存为 PDF（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="213"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="214"/>
        <source>Close shift (F12)</source>
        <translation>交班（F12）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="254"/>
        <source>Cash counted {amount}</source>
        <translation>现金实点 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="265"/>
        <source>The difference is more than {tolerance}: say why, and a manager approves.</source>
        <translation>差额超过 {tolerance}：请填写原因，并由店长批准。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="266"/>
        <source>Within the tolerance of {tolerance}.</source>
        <translation>差额在允许范围（{tolerance}）之内。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="299"/>
        <source>Not approved: the shift stays open.</source>
        <translation>未获店长批准：班次仍未交。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="303"/>
        <source>Shift {number} closed.</source>
        <translation>班次 {number} 已交班。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="315"/>
        <source>Print the Z report and keep it with the counted cash.</source>
        <translation>请打印 Z 报表，与清点好的现金放在一起。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="320"/>
        <source>Print Z report (Ctrl+P)</source>
        <translation>打印 Z 报表（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="321"/>
        <source>Save Z report as PDF (Ctrl+S)</source>
        <translation>Z 报表存为 PDF（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="322"/>
        <source>Done (Enter)</source>
        <translation>完成（Enter）</translation>
    </message>
</context>
<context>
    <name>CounterRulesDialog</name>
    <message>
        <location filename="../../charity_pos/ui/sales/rules.py" line="24"/>
        <source>Counter limits</source>
        <translation>收银限额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/rules.py" line="39"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/rules.py" line="41"/>
        <source>A household&apos;s name and ID number are erased this long after its eligibility ended; its handouts stay for the reports.</source>
        <translation>救助资格终止满此期限后，删除该家庭户主姓名和身份证号；领取记录保留，用于统计报表。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/rules.py" line="43"/>
        <source>Cashier may take off, without a manager, up to</source>
        <translation>收银员无需店长批准可减免的最高比例</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/rules.py" line="44"/>
        <source>Drawer may be off at close, without a reason, by up to</source>
        <translation>交班时钱箱差额无需说明的上限</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/rules.py" line="45"/>
        <source>Erase a lapsed household&apos;s personal data after</source>
        <translation>资格终止后删除家庭个人信息的期限</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/rules.py" line="47"/>
        <source>Price changes and discounts beyond the limit, or any price raised at the counter, need a manager&apos;s PIN and a reason.</source>
        <translation>超出限额的改价和折扣，以及任何在收银台提价，都需要店长输入 PIN 并说明原因。</translation>
    </message>
    <message>
        <source>A write-off (报损) worth more than this at sale price needs a manager's PIN and a reason.</source>
        <translation>按售价计超过此金额的报损，须店长输入 PIN 并填写理由。</translation>
    </message>
    <message>
        <source>Cashier may write off, without a manager, goods worth up to</source>
        <translation>收银员无需店长即可报损的金额上限</translation>
    </message>
</context>
<context>
    <name>CustomerDisplayWindow</name>
    <message>
        <location filename="../../charity_pos/ui/customer_display.py" line="104"/>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/customer_display.py" line="123"/>
        <location filename="../../charity_pos/ui/customer_display.py" line="179"/>
        <source>Welcome</source>
        <translation>欢迎光临</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/customer_display.py" line="140"/>
        <location filename="../../charity_pos/ui/customer_display.py" line="156"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/customer_display.py" line="156"/>
        <source>Paid</source>
        <translation>实收</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/customer_display.py" line="156"/>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/customer_display.py" line="168"/>
        <location filename="../../charity_pos/ui/customer_display.py" line="177"/>
        <source>Thank you for supporting charity</source>
        <translation>感谢您支持慈善事业</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/customer_display.py" line="204"/>
        <source>Lines: {lines} · items: {units}</source>
        <translation>共 {lines} 行，{units} 件</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="89"/>
        <source>Sales income</source>
        <translation>销售收入</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="89"/>
        <source>Donations received</source>
        <translation>接收捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="90"/>
        <source>Cash donated</source>
        <translation>现金捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="90"/>
        <source>Handouts (visits)</source>
        <translation>物资发放（人次）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="91"/>
        <source>Households served</source>
        <translation>服务家庭</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="98"/>
        <source>Cash drawer and stock alerts</source>
        <translation>钱箱与库存提醒</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="100"/>
        <source>Cash drawer (expected)</source>
        <translation>钱箱应有现金</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="103"/>
        <source>Out of stock, sold last month</source>
        <translation>缺货（上月有销售）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="104"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/dashboard/view.py" line="101"/>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="102"/>
        <source>Best before within %n day(s)</source>
        <translation>
            <numerusform>%n 天内到期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/dashboard/view.py" line="105"/>
        <source>Sales income and donated goods by day, last %n day(s)</source>
        <translation>
            <numerusform>近 %n 天每日销售收入与捐赠物资</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="107"/>
        <source>Handouts this month by household category (visits)</source>
        <translation>本月按救助类别的物资发放（人次）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="108"/>
        <source>Stock on the shelf by origin (at sale price)</source>
        <translation>在架库存按来源（按售价）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="110"/>
        <source>Sales income and donated cash are kept apart (收支两条线): they are never added into one figure. Click a figure, or Tab to it and press Enter, to open its report.</source>
        <translation>销售收入与现金捐赠分开核算（收支两条线），从不合并为一个数字。点击任一数字，或按 Tab 选中后按 Enter，即可打开对应的台账或报表。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="136"/>
        <source>Overview</source>
        <translation>经营概览</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="139"/>
        <source>Overview: Tab to a figure and Enter to open its report</source>
        <translation>经营概览：Tab 选中数字，Enter 打开对应报表</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="184"/>
        <source>As of {time}</source>
        <translation>更新于 {time}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="186"/>
        <source>Today, {day}</source>
        <translation>今天 {day}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="187"/>
        <source>This month, {start} to {end}</source>
        <translation>本月 {start} 至 {end}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/dashboard/view.py" line="195"/>
        <source>%n open shift(s): {numbers}</source>
        <translation>
            <numerusform>%n 个班次未交班：{numbers}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="197"/>
        <source>No shift open</source>
        <translation>没有未交班的班次</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/dashboard/view.py" line="201"/>
        <source>%n lot(s)</source>
        <translation>
            <numerusform>%n 批</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/dashboard/view.py" line="202"/>
        <source>%n unit(s) on the shelf</source>
        <translation>
            <numerusform>货架上 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/dashboard/view.py" line="205"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 种</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/dashboard/view.py" line="216"/>
        <source>%n sale(s), {returns} refunded</source>
        <translation>
            <numerusform>%n 笔销售，退款 {returns}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/dashboard/view.py" line="217"/>
        <source>%n gift(s)</source>
        <translation>
            <numerusform>%n 笔</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/dashboard/view.py" line="218"/>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="222"/>
        <source>goods {value} · %n unit(s)</source>
        <translation>
            <numerusform>物资 {value} · %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/dashboard/view.py" line="220"/>
        <source>%n gift(s) · used {used}</source>
        <translation>
            <numerusform>%n 笔 · 已使用 {used}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/dashboard/view.py" line="221"/>
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n 人次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/dashboard/view.py" line="223"/>
        <source>%n household(s)</source>
        <translation>
            <numerusform>%n 户</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="208"/>
        <source>Sales income (yuan)</source>
        <translation>销售收入（元）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="209"/>
        <source>Donated goods (yuan)</source>
        <translation>捐赠物资（元）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/dashboard/view.py" line="210"/>
        <source>Visits</source>
        <translation>人次</translation>
    </message>
    <message>
        <source>Written off this month</source>
        <translation>本月报损</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n write-off(s) · {value} at sale price</source>
        <translation>
            <numerusform>%n 张报损单 · 按售价 {value}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DisplayFeed</name>
    <message>
        <location filename="../../charity_pos/ui/customer_display.py" line="384"/>
        <source>The pole display on {port} does not answer: sales go on without it. Check its cable, its power and the port in Settings.</source>
        <translation>客显屏（{port}）无响应：收银照常进行。请检查客显屏的连线、电源和设置中的端口。</translation>
    </message>
</context>
<context>
    <name>DistrictReportsScreen</name>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="121"/>
        <source>District reports</source>
        <translation>全区报表</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="132"/>
        <source>YYYY-MM</source>
        <translation>年-月</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="134"/>
        <source>Show (Enter)</source>
        <translation>显示 (Enter)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="137"/>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="138"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="139"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="145"/>
        <source>Choose a report and the months, then press Enter.</source>
        <translation>选择报表和月份，然后按回车键。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="150"/>
        <source>Stores side by side</source>
        <translation>各门店对比</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="151"/>
        <source>The district month by month</source>
        <translation>全区逐月</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="170"/>
        <source>Excel (Ctrl+E)</source>
        <translation>Excel (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="171"/>
        <source>PDF (Ctrl+P)</source>
        <translation>PDF (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="172"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="179"/>
        <source>Export:</source>
        <translation>导出：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="216"/>
        <source>At most {most} at a time: {start} to {end} is {count}.</source>
        <translation>一次最多显示 {most}：{start} 至 {end} 共 {count}。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/reports.py" line="217"/>
        <location filename="../../charity_pos/hub_ui/reports.py" line="218"/>
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n 个月</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="253"/>
        <source>Building the report…</source>
        <translation>正在生成报表…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="281"/>
        <source>{title} · {start} to {end}</source>
        <translation>{title} · {start} 至 {end}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="301"/>
        <source>{figure} (yuan)</source>
        <translation>{figure}（元）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="310"/>
        <source>{figure} by store, {month}</source>
        <translation>{month} 各门店{figure}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="324"/>
        <source>{figure}, the district by month</source>
        <translation>全区逐月{figure}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="407"/>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reports.py" line="416"/>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
</context>
<context>
    <name>DonationTableModel</name>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="25"/>
        <source>Donation</source>
        <extracomment>Columns that narrow, elided in their middle (JA01…J000021), when the window is short of room (the donor takes the rest): the receipt&apos;s state, then its number (whole beside the donation&apos;s on hover).</extracomment>
        <translation>捐赠编号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="25"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="25"/>
        <source>Donor</source>
        <translation>捐赠人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="25"/>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="25"/>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="26"/>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="26"/>
        <source>Receipt</source>
        <translation>收据号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="26"/>
        <source>Receipt state</source>
        <translation>收据状态</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="51"/>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="55"/>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="57"/>
        <source>Issued</source>
        <translation>已开</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="58"/>
        <source>To issue</source>
        <translation>待开</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/model.py" line="58"/>
        <source>Not wanted</source>
        <translation>不需要</translation>
    </message>
</context>
<context>
    <name>DonationsScreen</name>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="73"/>
        <source>Labels (Ctrl+B)</source>
        <translation>标签（Ctrl+B）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="99"/>
        <source>Donations</source>
        <translation>捐赠记录</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="70"/>
        <source>Save as PDF (Ctrl+E)</source>
        <translation>存为 PDF（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="51"/>
        <source>Find by donation number, donor or donor&apos;s pinyin (Ctrl+F)</source>
        <extracomment>a donation&apos;s number, to be traced (the main window opens the trace screen on it)</extracomment>
        <translation>按捐赠编号、捐赠人或拼音查找（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="71"/>
        <source>Save the receipt as a PDF file instead of printing it</source>
        <translation>不打印，把收据存为 PDF 文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="72"/>
        <source>Void receipt (Ctrl+Del)</source>
        <translation>作废收据（Ctrl+Del）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="74"/>
        <source>Trace (Ctrl+Enter)</source>
        <translation>追溯 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="75"/>
        <source>Where the goods of this donation went</source>
        <translation>这笔捐赠物资的去向</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="76"/>
        <source>Donor statement… (Ctrl+D)</source>
        <translation>捐赠反馈函… (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="77"/>
        <source>A letter to the donor: what they gave in a year and what it became</source>
        <translation>给捐赠人的一封信：一年中捐了什么、变成了什么</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="102"/>
        <source>Donations: Ctrl+F find, Ctrl+P print receipt, Ctrl+E receipt as PDF, Ctrl+Del void receipt, Ctrl+B labels</source>
        <translation>捐赠记录：Ctrl+F 查找，Ctrl+P 打印收据，Ctrl+E 收据存为 PDF，Ctrl+Del 作废收据，Ctrl+B 标签</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="105"/>
        <source>Donations: Ctrl+Enter trace the donation, Ctrl+D donor statement</source>
        <translation>捐赠记录：Ctrl+Enter 追溯这笔捐赠，Ctrl+D 捐赠反馈函</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/donations/view.py" line="134"/>
        <source>%n donation(s) shown</source>
        <translation>
            <numerusform>显示 %n 笔捐赠</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="152"/>
        <source>Reissue receipt (Ctrl+P)</source>
        <translation>重开收据（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="154"/>
        <source>Reprint receipt (Ctrl+P)</source>
        <translation>补打收据（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="156"/>
        <source>Print receipt (Ctrl+P)</source>
        <translation>打印收据（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="171"/>
        <source>Reissue receipt</source>
        <translation>重开收据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="172"/>
        <source>Receipt {number} was voided. Issue a new receipt, with a new number?</source>
        <translation>收据 {number} 已作废。要用新编号重开一张吗？</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="176"/>
        <source>Print receipt</source>
        <translation>打印收据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="176"/>
        <source>The donor did not want a receipt. Print one anyway?</source>
        <translation>捐赠人登记时表示不要收据。仍要打印吗？</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="183"/>
        <source>Receipt {number} reprinted, marked 补打 ({count}).</source>
        <translation>收据 {number} 已补打（第 {count} 次）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="186"/>
        <source>Receipt {number} issued for {donation}.</source>
        <translation>已为 {donation} 开具收据 {number}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="204"/>
        <source>Receipt {number} is void. Its number stays on record.</source>
        <translation>收据 {number} 已作废，编号保留备查。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="213"/>
        <source>Labels for {number} done.</source>
        <translation>{number} 的标签已完成。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="223"/>
        <source>Donor statement</source>
        <translation>捐赠反馈函</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="223"/>
        <source>Year of the donations:</source>
        <translation>捐赠年份：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="245"/>
        <source>Gathering what the donor gave in {year}…</source>
        <translation>正在汇总捐赠人 {year} 年的捐赠…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="250"/>
        <source>donor-statement-{year}.pdf</source>
        <translation>捐赠反馈函-{year}.pdf</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="266"/>
        <source>Donor statement for {year} saved to {path}.</source>
        <translation>{year}年捐赠反馈函已保存到 {path}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/view.py" line="268"/>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../charity_pos/messages.py" line="30"/>
        <source>No store database at {path}.</source>
        <extracomment>control characters, line and paragraph separators: escaped in what a message quotes</extracomment>
        <translation>找不到门店数据库：{path}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="31"/>
        <source>{path} already exists; a new store needs a new file.</source>
        <translation>{path} 已存在；新建门店需要一个新文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="32"/>
        <source>{path} is not a charity-pos store database.</source>
        <translation>{path} 不是 charity-pos 门店数据库。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="33"/>
        <source>{path} was written by a newer version of charity-pos (schema {revision}); please update the app.</source>
        <translation>{path} 由更新版本的 charity-pos 写入（结构版本 {revision}），请先升级本程序。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="36"/>
        <source>{path} is open in another running copy of charity-pos; close that one first.</source>
        <translation>{path} 正被另一个运行中的 charity-pos 使用，请先关闭那一个。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="37"/>
        <source>{path} is damaged and cannot be read ({detail}).</source>
        <translation>{path} 已损坏，无法读取（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="43"/>
        <source>Barcode {barcode} is not valid: {why}.</source>
        <translation>条码 {barcode} 无效：{why}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="44"/>
        <source>Barcode {barcode} already belongs to “{item_name}”.</source>
        <translation>条码 {barcode} 已属于“{item_name}”。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="45"/>
        <source>“{value}” is already taken.</source>
        <translation>“{value}”已被使用。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="46"/>
        <source>Not found: {key}.</source>
        <translation>找不到：{key}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="49"/>
        <source>No item has barcode {barcode}.</source>
        <translation>没有商品使用条码 {barcode}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="50"/>
        <source>Wrong user name or PIN.</source>
        <translation>用户名或 PIN 码错误。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="51"/>
        <source>Account {username} is locked after too many wrong PINs until {until}, or until a manager unlocks it.</source>
        <translation>账号 {username} 因 PIN 码错误次数过多已锁定，至 {until} 自动解锁，或由店长解锁。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="54"/>
        <source>Account {username} has been switched off.</source>
        <translation>账号 {username} 已停用。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="55"/>
        <source>Account {username} has been switched off since it logged in: nothing was done, and it is logged out.</source>
        <translation>账号 {username} 在登录后已被停用：此操作未执行，已退出登录。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="58"/>
        <source>Your role may not do this: {what}.</source>
        <translation>您的角色无权{what}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="59"/>
        <source>A manager must approve this: {what}.</source>
        <translation>此操作需要店长批准：{what}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="60"/>
        <source>The role of account {username} has been changed since it logged in: nothing was done; log in again.</source>
        <translation>账号 {username} 的角色在登录后已被更改：此操作未执行，请重新登录。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="64"/>
        <source>Too many wrong manager PINs at this till: approvals here are refused until {until}. The managers&apos; own log-ins are not affected.</source>
        <translation>本收银台店长 PIN 码输错次数过多：{until} 前本收银台暂停店长批准。店长本人的登录不受影响。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="68"/>
        <source>The store&apos;s key file {path} is missing; restore it from the backup to read personal data.</source>
        <translation>门店密钥文件 {path} 不见了；请从备份恢复，才能读取个人信息。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="71"/>
        <source>The store&apos;s key file {path} is missing, and nothing can be saved without it: restore it from the backup (it is kept apart from the database).</source>
        <translation>门店的密钥文件 {path} 不见了，没有它什么也无法保存：请从备份中恢复（它与数据库分开保管）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="74"/>
        <source>The store file was changed outside charity-pos ({what}), so nothing more is saved to it. Run charity-pos verify on it and call the district office.</source>
        <translation>门店数据文件在 charity-pos 之外被改动过（{what}），因此不再向其中保存任何内容。请对其运行 charity-pos verify 并联系区里。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="77"/>
        <source>Not enough on hand: {wanted} wanted, {available} there.</source>
        <translation>库存不足：需要 {wanted}，现有 {available}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="78"/>
        <source>“{item_name}” is past its best-before date ({expiry_date}) and cannot be taken.</source>
        <translation>“{item_name}”已过保质期（{expiry_date}），不能接收。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="81"/>
        <source>Receipt {number} was voided and is not printed again; issue a new one instead.</source>
        <translation>收据 {number} 已作废，不能再打印；请重开一张新收据。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="84"/>
        <source>The folder {path} does not exist.</source>
        <translation>文件夹 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="85"/>
        <source>No shift is open at till {till}: open one with its cash float first.</source>
        <translation>收银台 {till} 没有已开的班次：请先开班并登记备用金。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="86"/>
        <source>Till {till} already has an open shift ({number}); close it first.</source>
        <translation>收银台 {till} 已有未交班的班次（{number}），请先交班。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="87"/>
        <source>The payments ({paid}) do not cover the total ({total}): {missing} missing.</source>
        <translation>已收 {paid}，不足应收 {total}：还差 {missing}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="88"/>
        <source>Only cash may be more than the total; lower the {method} amount.</source>
        <translation>只有现金可以多收找零；请减少{method}的金额。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="90"/>
        <source>Voucher {voucher} was already used in sale {sale}.</source>
        <translation>储值券 {voucher} 已在销售单 {sale} 中使用过。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="91"/>
        <source>“{item_name}”: {sold} sold, {returned} already returned; {wanted} cannot be returned.</source>
        <translation>“{item_name}”：售出 {sold}，已退 {returned}，不能再退 {wanted}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="93"/>
        <source>Sale {number} was voided.</source>
        <translation>销售单 {number} 已作废。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="94"/>
        <source>Sale {number} belongs to a closed shift; take it back as a return instead.</source>
        <translation>销售单 {number} 所在班次已交班，只能办理退货。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="96"/>
        <source>“{item_name}” is off sale.</source>
        <translation>“{item_name}”已停售。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="97"/>
        <source>This ticket was already paid as sale {number}.</source>
        <translation>此单已结账，销售单号 {number}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="98"/>
        <source>There is no quota rule for {category} households yet; a manager sets one first.</source>
        <translation>{category}家庭还没有配额规则，请店长先设置。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="100"/>
        <source>{path} is not a list of quota rules in JSON (like the rules.json of a downstream bundle).</source>
        <translation>{path} 不是 JSON 格式的配额规则列表（应与下发同步文件中的 rules.json 相同）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="102"/>
        <source>{path} is not signed by {signer}&apos;s registered key: refused as forged or damaged.</source>
        <translation>{path} 的签名与 {signer} 登记的密钥不符：视为伪造或损坏，拒绝导入。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="104"/>
        <source>No Chinese font to put into the PDF was found (looked in {searched}); install one and try again.</source>
        <translation>找不到可嵌入 PDF 的中文字体（已查找：{searched}），请安装后重试。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="1227"/>
        <source>charity-pos is not installed completely: {resource} is missing (looked for in {where}). Install charity-pos again.</source>
        <translation>charity-pos 安装不完整：缺少 {resource}（查找位置：{where}）。请重新安装 charity-pos。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="1230"/>
        <source>charity-pos is not installed completely: {resource} is damaged (in {where}). Install charity-pos again.</source>
        <translation>charity-pos 安装不完整：{resource} 已损坏（位置：{where}）。请重新安装 charity-pos。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="107"/>
        <source>{path} is neither an Excel workbook (.xlsx) nor a .csv file; save it as one of those.</source>
        <translation>{path} 既不是 Excel 工作簿（.xlsx），也不是 .csv 文件；请另存为其中一种。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="109"/>
        <source>{path} cannot be read: it is damaged, or not the kind of file its name says.</source>
        <translation>无法读取 {path}：文件已损坏，或与其扩展名所示的类型不符。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="111"/>
        <source>{path} has no header row with the columns {columns} near its top.</source>
        <translation>{path} 开头几行中没有含 {columns} 等列名的表头行。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="113"/>
        <source>{path}: the header row has no column {columns}.</source>
        <translation>{path}：表头行缺少以下列：{columns}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="114"/>
        <source>{path} has no households below its header row.</source>
        <translation>{path} 的表头行下面没有任何家庭。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="115"/>
        <source>Relief card number {value} is already registered.</source>
        <translation>帮困卡号 {value} 已登记。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="116"/>
        <source>A household with ID number {value} is already registered.</source>
        <translation>身份证号为 {value} 的家庭已登记。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="118"/>
        <source>Relief card number {value} is in this file more than once (rows {rows}).</source>
        <translation>帮困卡号 {value} 在本文件中重复出现（第 {rows} 行）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="120"/>
        <source>ID number {value} is in this file more than once (rows {rows}).</source>
        <translation>身份证号 {value} 在本文件中重复出现（第 {rows} 行）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="122"/>
        <source>The database refused the import of {count} households ({detail}); nothing was saved.</source>
        <translation>数据库拒绝导入这 {count} 户家庭（{detail}），未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="124"/>
        <location filename="../../charity_pos/messages.py" line="403"/>
        <source>There is no file {path}.</source>
        <translation>文件 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="125"/>
        <source>{path} is not text in UTF-8 or GBK; save it from Excel as “CSV UTF-8” and try again.</source>
        <translation>{path} 不是 UTF-8 或 GBK 编码的文本；请在 Excel 中另存为“CSV UTF-8”后重试。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="129"/>
        <source>Wrong PIN. {attempts_left} tries left before the account is locked.</source>
        <translation>PIN 码错误。再错 {attempts_left} 次账号将被锁定。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="130"/>
        <source>Wrong user name or PIN. {attempts_left} tries left before approvals at this till are locked.</source>
        <translation>用户名或 PIN 码错误。再错 {attempts_left} 次，本收银台将暂停店长批准。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="134"/>
        <source>it is empty</source>
        <translation>条码为空</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="135"/>
        <source>only digits are allowed</source>
        <translation>只能包含数字</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="136"/>
        <source>it must have 8, 12 or 13 digits (EAN-8, UPC-A, EAN-13)</source>
        <translation>位数应为 8、12 或 13 位（EAN-8、UPC-A、EAN-13）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="137"/>
        <source>the check digit is wrong</source>
        <translation>校验位错误</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="138"/>
        <source>codes starting 22 are the store&apos;s own lot codes</source>
        <translation>以 22 开头的是本店自编的批次码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="151"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="152"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="153"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="154"/>
        <source>Sale price</source>
        <translation>售价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="155"/>
        <source>Market reference price</source>
        <translation>市场参考价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="156"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="157"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="158"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="159"/>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="160"/>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="161"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="162"/>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="163"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="164"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="165"/>
        <source>Store code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="166"/>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="167"/>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="168"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="169"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="170"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="171"/>
        <source>Relief card number</source>
        <translation>帮困卡号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="172"/>
        <source>Household members</source>
        <translation>家庭人数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="173"/>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="174"/>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="175"/>
        <source>Certificate reference</source>
        <translation>认定文书编号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="176"/>
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="177"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="178"/>
        <source>Donor type</source>
        <translation>捐赠人类型</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="179"/>
        <source>Condition</source>
        <translation>成色</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="180"/>
        <source>Valuation</source>
        <translation>估价方式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="181"/>
        <source>Unit value</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="182"/>
        <source>Best-before date</source>
        <translation>保质期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="183"/>
        <source>Cash amount</source>
        <translation>捐款金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="184"/>
        <source>Payment method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="185"/>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="186"/>
        <source>Cash float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="187"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="188"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="189"/>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="190"/>
        <source>Amount tendered</source>
        <translation>实收金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="191"/>
        <source>Payment reference</source>
        <translation>支付流水号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="147"/>
        <location filename="../../charity_pos/messages.py" line="192"/>
        <source>Voucher number</source>
        <translation>储值券号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="38"/>
        <source>The disk of the store file {path} is full: nothing was saved. Free some space on it and try again.</source>
        <translation>门店数据文件 {path} 所在的磁盘已满：本次操作没有保存。请腾出磁盘空间后再试。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="40"/>
        <source>This is a training store (training mode): it never sends, receives or registers sync bundles, and is not copied for training again. Use the live store for that.</source>
        <translation>这是培训门店（培训模式）：不能导出、导入或注册同步数据包，也不能再复制为培训副本。请在正式门店中操作。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="47"/>
        <source>Only {left} of donated cash is left: a use of {amount} cannot be recorded.</source>
        <translation>捐赠现金只剩 {left}，不能登记 {amount} 的使用。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="142"/>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="143"/>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="144"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="145"/>
        <location filename="../../charity_pos/messages.py" line="717"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="146"/>
        <source>Purpose</source>
        <translation>用途说明</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="148"/>
        <source>Use</source>
        <translation>使用类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="149"/>
        <source>Date of use</source>
        <translation>使用日期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="150"/>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="193"/>
        <source>Till</source>
        <translation>收银台</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="194"/>
        <source>Count</source>
        <translation>张数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="195"/>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="196"/>
        <source>Sale number</source>
        <translation>销售单号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="197"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="198"/>
        <source>Mode</source>
        <translation>超额处理方式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="199"/>
        <source>Allowance</source>
        <translation>额度</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="200"/>
        <source>Top-up months</source>
        <translation>节日补助月份</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="201"/>
        <source>Household</source>
        <translation>家庭</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="202"/>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="203"/>
        <source>Consent date</source>
        <translation>同意日期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="207"/>
        <source>{field} must not be empty.</source>
        <translation>{field}不能为空。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="208"/>
        <source>{field} is too long.</source>
        <translation>{field}太长。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="209"/>
        <source>{field}: “{value}” is not a number.</source>
        <translation>{field}：“{value}”不是有效数字。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="210"/>
        <source>{field}: at most two decimals (fen).</source>
        <translation>{field}：最多两位小数（到分）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="211"/>
        <source>{field} must not be negative.</source>
        <translation>{field}不能为负数。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="212"/>
        <source>{field} must be more than zero.</source>
        <translation>{field}必须大于零。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="213"/>
        <source>{field} is too large.</source>
        <translation>{field}太大。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="214"/>
        <source>{field}: “{value}” is not known.</source>
        <translation>{field}：“{value}”不存在。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="215"/>
        <source>A PIN is made of digits only.</source>
        <translation>PIN 码只能由数字组成。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="216"/>
        <source>A PIN has 4 to 12 digits.</source>
        <translation>PIN 码应为 4 到 12 位数字。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="217"/>
        <source>A user name is 2-32 lower-case letters, digits, &apos;.&apos;, &apos;-&apos; or &apos;_&apos;, starting with a letter.</source>
        <translation>用户名为 2-32 位小写字母、数字、“.”、“-”或“_”，以字母开头。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="220"/>
        <source>A store code is 2-8 capital letters or digits, such as PT01.</source>
        <translation>门店编码为 2-8 位大写字母或数字，例如 PT01。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="221"/>
        <source>You cannot switch off your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="222"/>
        <source>You cannot change your own role; another manager can.</source>
        <translation>不能更改自己的角色，请由另一位店长更改。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="223"/>
        <source>An ID number has 17 digits and a final digit or X.</source>
        <translation>身份证号应为 17 位数字加 1 位数字或 X。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="224"/>
        <source>The ID number&apos;s date of birth does not exist.</source>
        <translation>身份证号中的出生日期不存在。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="225"/>
        <source>The ID number&apos;s last character (check character) is wrong.</source>
        <translation>身份证号最后一位（校验码）错误。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="226"/>
        <source>A unified social credit code has 18 digits or capital letters (no I, O, S, V, Z).</source>
        <translation>统一社会信用代码为 18 位数字或大写字母（不含 I、O、S、V、Z）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="229"/>
        <source>The credit code&apos;s last character (check character) is wrong.</source>
        <translation>统一社会信用代码最后一位（校验码）错误。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="230"/>
        <source>A relief card number is up to 20 letters and digits.</source>
        <translation>帮困卡号最多 20 位字母和数字。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="231"/>
        <source>A household has 1 to 20 members.</source>
        <translation>家庭人数应为 1 到 20 人。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="232"/>
        <source>{field} is before the start date.</source>
        <translation>{field}早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="233"/>
        <source>A phone number has 7 to 12 digits.</source>
        <translation>电话号码应为 7 到 12 位数字。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="235"/>
        <source>{field} is not a phone number: a mobile like 13812345678, or a landline with its area code like 021-54321234.</source>
        <translation>{field}不是电话号码：手机号如 13812345678，固定电话需带区号，如 021-54321234。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="234"/>
        <source>Goods without a valuation carry no value.</source>
        <translation>未估价的物品不能填写价值。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="235"/>
        <source>“{value}” is food: type its best-before date.</source>
        <translation>“{value}”是食品，请填写保质期。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="236"/>
        <source>{field} is more than the amount it comes off.</source>
        <translation>{field}超过了可减免的金额。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="237"/>
        <source>The price of “{value}” changed meanwhile; scan it again.</source>
        <translation>“{value}”的价格刚被修改，请重新扫码。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="238"/>
        <source>{field} {value} is on this ticket twice.</source>
        <translation>{field} {value} 在这一单中重复出现。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="239"/>
        <source>Card {value}: what the household may take changed meanwhile; scan the card again.</source>
        <translation>救助卡 {value}：该家庭的可领额度刚刚有变动，请重新扫描救助卡。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="240"/>
        <source>{field}: “{value}” is not a month (1-12).</source>
        <translation>{field}：“{value}”不是月份（1-12）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="241"/>
        <source>Sale {value} has returns and can no longer be voided.</source>
        <translation>销售单 {value} 已有退货，不能再作废。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="242"/>
        <source>A {value} payment needs its reference number.</source>
        <translation>{value}付款需要填写流水号。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="243"/>
        <source>{field}: “{value}” is not a month; type it like 2026-11.</source>
        <translation>{field}：“{value}”不是月份，请按 2026-11 的格式输入。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="244"/>
        <source>{field} is a day still to come.</source>
        <translation>{field}是未来的日期。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="245"/>
        <source>{field}: “{value}” is not a date; type it like 2026-09-30.</source>
        <translation>{field}：“{value}”不是日期，请按 2026-09-30 的格式填写。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="246"/>
        <source>The ID number was stored as a number and lost digits; format the column as text and type it again.</source>
        <translation>身份证号被存成了数字，已丢失数位；请将该列设为文本格式后重新录入。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="248"/>
        <source>{field}: “{value}” is not one of 低保, 低保边缘, 特困, 低收入, 支出型贫困, 临时救助.</source>
        <translation>{field}：“{value}”不是低保、低保边缘、特困、低收入、支出型贫困、临时救助之一。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="253"/>
        <source>An approval needs a reason.</source>
        <translation>批准需要填写原因。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="254"/>
        <source>Only a manager can approve this.</source>
        <translation>只有店长可以批准此操作。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="258"/>
        <source>add an item</source>
        <translation>新增商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="259"/>
        <source>edit an item</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="260"/>
        <source>change a price</source>
        <translation>修改价格</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="261"/>
        <source>take an item off sale</source>
        <translation>停售商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="262"/>
        <source>receive stock</source>
        <translation>商品入库</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="263"/>
        <source>record a stock count</source>
        <translation>登记盘点</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="264"/>
        <source>manage staff accounts</source>
        <translation>管理员工账号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="265"/>
        <source>unlock an account</source>
        <translation>解锁账号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="266"/>
        <source>void a document</source>
        <translation>作废单据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="267"/>
        <source>refund a sale</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="268"/>
        <source>override a rule</source>
        <translation>越权放行</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="269"/>
        <source>record a donor</source>
        <translation>登记捐赠人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="270"/>
        <source>manage the household registry</source>
        <translation>管理困难家庭名册</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="271"/>
        <source>see a whole ID number</source>
        <translation>查看完整身份证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="272"/>
        <source>take in a donation</source>
        <translation>登记捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="273"/>
        <source>issue a donation receipt</source>
        <translation>开具捐赠收据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="274"/>
        <source>void a donation receipt</source>
        <translation>作废捐赠收据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="275"/>
        <source>print labels</source>
        <translation>打印标签</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="276"/>
        <source>sell at the counter</source>
        <translation>收银销售</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="277"/>
        <source>give a price change or discount above the limit</source>
        <translation>超出限额的改价或折扣</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="278"/>
        <source>void a sale</source>
        <translation>作废销售单</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="279"/>
        <source>print a slip</source>
        <translation>打印小票</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="280"/>
        <source>open a shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="281"/>
        <source>hand out relief goods</source>
        <translation>发放救助物资</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="282"/>
        <source>give a household more than its allowance</source>
        <translation>超出额度发放物资</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="283"/>
        <source>set quota rules</source>
        <translation>设置配额规则</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="284"/>
        <source>close a shift with a cash difference</source>
        <translation>有差额时交班</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="285"/>
        <source>set the counter&apos;s limits</source>
        <translation>设置收银限额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="286"/>
        <source>see the ledgers and reports</source>
        <translation>查看台账与报表</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="287"/>
        <source>record how cash donations were used</source>
        <translation>登记善款使用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="288"/>
        <source>import and reconcile the merchant bill</source>
        <translation>导入商户对账单并对账</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="292"/>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="293"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="294"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="295"/>
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="296"/>
        <source>store voucher</source>
        <translation>储值券</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="300"/>
        <source>No household has relief card {card}.</source>
        <translation>没有家庭使用救助卡 {card}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="301"/>
        <source>Relief card {card} is suspended: {why}</source>
        <translation>救助卡 {card} 已暂停：{why}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="302"/>
        <source>Relief card {card} expired on {until}; the household must be certified again.</source>
        <translation>救助卡 {card} 已于 {until} 过期，需重新认定救助资格。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="303"/>
        <source>Relief card {card} is valid only from {until}.</source>
        <translation>救助卡 {card} 自 {until} 起才生效。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="304"/>
        <source>Relief card {card} lapsed long ago and its household&apos;s data was erased.</source>
        <translation>救助卡 {card} 早已失效，该家庭的个人信息已删除。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="308"/>
        <source>{path}: no such file.</source>
        <translation>{path}：没有这个文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="309"/>
        <location filename="../../charity_pos/messages.py" line="412"/>
        <source>{path} cannot be read (no permission, or a read error).</source>
        <translation>{path} 无法读取（没有权限，或读取出错）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="310"/>
        <source>{path} is not a charity-pos bundle, or it is cut short.</source>
        <translation>{path} 不是 charity-pos 数据包，或文件不完整。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="311"/>
        <source>{path} is damaged: a part of the bundle is missing or extra.</source>
        <translation>{path} 已损坏：数据包缺少或多出了部分内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="312"/>
        <source>{path} is damaged: a part appears twice.</source>
        <translation>{path} 已损坏：有一部分内容重复出现。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="313"/>
        <source>{path} is damaged: a part is impossibly large.</source>
        <translation>{path} 已损坏：有一部分内容大得不可能。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="314"/>
        <source>{path} is damaged: its manifest cannot be read.</source>
        <translation>{path} 已损坏：无法读取其清单。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="315"/>
        <source>{path} is damaged: its content does not match its manifest.</source>
        <translation>{path} 已损坏：内容与清单不符。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="318"/>
        <source>Something went wrong and nothing was saved. The details are in the log file.</source>
        <translation>出现意外错误，没有保存任何内容。详情见日志文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="321"/>
        <source>{path} is {what}: charity-pos never writes over it; choose another file.</source>
        <translation>{path} 是{what}，charity-pos 不会覆盖它；请另选一个文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="323"/>
        <source>the store&apos;s database</source>
        <translation>门店数据库</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="324"/>
        <source>part of the store&apos;s database (its -wal, -shm or -journal file)</source>
        <translation>门店数据库的一部分（它的 -wal、-shm 或 -journal 文件）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="325"/>
        <source>the store&apos;s lock file</source>
        <translation>门店的锁文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="326"/>
        <source>a key file, or in the folder of the key files</source>
        <translation>密钥文件（或位于密钥文件夹中）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="327"/>
        <source>the settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="328"/>
        <source>the district hub&apos;s database</source>
        <translation>区级数据中心的数据库</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="329"/>
        <source>part of the district hub&apos;s database (its -wal, -shm or -journal file)</source>
        <translation>区级数据中心数据库的一部分（它的 -wal、-shm 或 -journal 文件）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="330"/>
        <source>a database (a store&apos;s, the hub&apos;s or a copy)</source>
        <translation>一个数据库（门店的、区级数据中心的或其副本）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="331"/>
        <source>part of a database (a -wal, -shm or -journal file)</source>
        <translation>数据库的一部分（-wal、-shm 或 -journal 文件）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="333"/>
        <source>{path} cannot be written: {why}.</source>
        <translation>无法写入 {path}：{why}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="335"/>
        <source>permission denied (or another program has the file open)</source>
        <translation>没有写入权限（或文件正被其他程序打开）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="337"/>
        <location filename="../../charity_pos/messages.py" line="988"/>
        <source>the disk is read-only</source>
        <translation>磁盘为只读</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="338"/>
        <location filename="../../charity_pos/messages.py" line="987"/>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="339"/>
        <source>a part of the path before the file name is not a folder</source>
        <translation>文件名前面的路径中有一部分不是文件夹</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="340"/>
        <source>it is not an ordinary file (a device or a pipe)</source>
        <translation>它不是普通文件（而是设备或管道）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="341"/>
        <source>the name is too long or not allowed there</source>
        <translation>文件名太长，或在该位置不允许使用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="342"/>
        <location filename="../../charity_pos/messages.py" line="992"/>
        <source>{detail}</source>
        <translation>{detail}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="344"/>
        <source>{count} households imported, but the rows to correct were not written: {problem}</source>
        <translation>已导入 {count} 户家庭，但需更正的记录没有写出：{problem}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="348"/>
        <source>a folder</source>
        <extracomment>what a bundle refused without reading it was instead of a file (BundleNotAFile.what)</extracomment>
        <translation>一个文件夹</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="349"/>
        <source>a pipe (FIFO)</source>
        <translation>一个管道（FIFO）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="350"/>
        <source>a device</source>
        <translation>一个设备</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="351"/>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="353"/>
        <source>{path} is {what}, not a bundle file: refused without reading it.</source>
        <translation>{path} 是{what}，不是数据包文件：未读取即拒收。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="354"/>
        <source>{path} is larger than a bundle may be ({limit}): refused without reading it.</source>
        <translation>{path} 超过数据包允许的大小（{limit}）：未读取即拒收。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="356"/>
        <source>{path} is damaged: its part {part} is larger than it may be ({limit}).</source>
        <translation>{path} 已损坏：其中的 {part} 超过允许的大小（{limit}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="359"/>
        <source>{path} is damaged or not from charity-pos: a part is compressed, and charity-pos stores every part uncompressed.</source>
        <translation>{path} 已损坏或并非 charity-pos 所写：有一部分内容经过压缩，而 charity-pos 存放的各部分均不压缩。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="362"/>
        <source>{path} is damaged or not from charity-pos: a part is encrypted or marked in a way charity-pos never writes.</source>
        <translation>{path} 已损坏或并非 charity-pos 所写：有一部分内容被加密，或带有 charity-pos 从不写入的标记。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="365"/>
        <source>{path} is damaged: the ZIP headers of a part disagree with each other.</source>
        <translation>{path} 已损坏：某部分内容的 ZIP 文件头前后不一致。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="366"/>
        <source>{path} is damaged: its ZIP structure is not what charity-pos writes (parts overlap, leave gaps or run past the end).</source>
        <translation>{path} 已损坏：其 ZIP 结构与 charity-pos 所写的不同（各部分相互重叠、留有空隙或超出文件末尾）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="369"/>
        <source>{path} is damaged: a part does not match its checksum.</source>
        <translation>{path} 已损坏：有一部分内容与其校验和不符。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="370"/>
        <source>{path} has more parts than a charity-pos bundle has.</source>
        <translation>{path} 包含的部分多于 charity-pos 数据包应有的数量。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="371"/>
        <source>{path} holds a part that a charity-pos bundle of this kind does not have.</source>
        <translation>{path} 含有此类 charity-pos 数据包不应有的部分。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="373"/>
        <source>{path} is damaged: the size of a part differs from the size its manifest gives.</source>
        <translation>{path} 已损坏：某部分内容的大小与清单所记不符。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="377"/>
        <source>{path} is damaged: {part} is nested deeper than charity-pos ever writes (more than {limit} levels).</source>
        <translation>{path} 已损坏：{part} 的嵌套层数超出 charity-pos 所写的范围（多于 {limit} 层）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="379"/>
        <source>{path} is damaged: {part} holds a number out of range, or NaN or Infinity.</source>
        <translation>{path} 已损坏：{part} 含有超出范围的数字，或 NaN、Infinity。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="385"/>
        <source>Not a payment code: nothing was scanned.</source>
        <translation>不是付款码：没有扫到内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="386"/>
        <source>Not a payment code: a payment code has only digits.</source>
        <translation>不是付款码：付款码只含数字。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="387"/>
        <source>Not a payment code: {length} digits is too short (Alipay 16-24, WeChat Pay 18).</source>
        <translation>不是付款码：{length} 位数字太短（支付宝 16-24 位，微信支付 18 位）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="389"/>
        <source>Not a payment code: {length} digits is too long (Alipay 16-24, WeChat Pay 18).</source>
        <translation>不是付款码：{length} 位数字太长（支付宝 16-24 位，微信支付 18 位）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="391"/>
        <source>Not a payment code: it starts like WeChat Pay&apos;s, which has 18 digits, but has {length}.</source>
        <translation>不是付款码：开头像微信支付付款码（应为 18 位），但有 {length} 位。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="393"/>
        <source>Not a payment code: WeChat Pay&apos;s start with 10-15 and Alipay&apos;s with 25-30.</source>
        <translation>不是付款码：微信支付付款码以 10-15 开头，支付宝以 25-30 开头。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="397"/>
        <source>The {method} reference holds a whole payment code, which is never stored: scan it in the payment dialog, which keeps only its first and last four digits.</source>
        <translation>{method}的流水号中含有完整的付款码，付款码不得保存：请在收款窗口扫码，系统只保留前四位和后四位。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="400"/>
        <source>The masked payment code is not a {method} code.</source>
        <translation>该脱敏付款码不是{method}的付款码。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="404"/>
        <source>{path} is not a merchant bill: it is not text in UTF-8 or GBK.</source>
        <translation>{path} 不是商户对账单：它不是 UTF-8 或 GBK 编码的文本。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="406"/>
        <source>{path} is not a WeChat Pay or Alipay merchant bill: no header row of one was found.</source>
        <translation>{path} 不是微信支付或支付宝的商户对账单：找不到对账单的表头行。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="408"/>
        <source>{path}, line {line}: {field} cannot be read; nothing was imported.</source>
        <translation>{path} 第 {line} 行：无法读取“{field}”；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="410"/>
        <source>{path} is a merchant bill with no payments in it.</source>
        <translation>{path} 是商户对账单，但其中没有任何交易。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="411"/>
        <source>{path} is too large to be one day&apos;s merchant bill.</source>
        <translation>{path} 太大，不可能是一天的商户对账单。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="453"/>
        <source>{path}: the hub&apos;s database refused the import: {why}. Nothing was saved.</source>
        <translation>{path}：数据中心数据库拒绝了导入：{why}。没有保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="455"/>
        <source>the disk of the database (server) is full; free some space on it, then import the file again</source>
        <translation>数据库服务器磁盘已满，请腾出磁盘空间后重新导入此文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="457"/>
        <source>the connection to the database server was lost (the server restarted or ended it); import the file again</source>
        <translation>与数据库服务器的连接已中断（服务器重启或断开了连接），请重新导入此文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="460"/>
        <source>the database was busy (another import or a lock held too long); import the file again in a moment</source>
        <translation>数据库繁忙（另一个导入正在进行或锁等待超时），请稍后重新导入此文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="549"/>
        <source>The passphrase is too short: use at least {minimum} characters.</source>
        <translation>口令太短：至少 {minimum} 个字符。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="550"/>
        <source>The two passphrases typed differ: nothing was written.</source>
        <translation>两次输入的口令不一致：未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="551"/>
        <source>No passphrase: type it when asked, or set {variable} when running from a script.</source>
        <translation>没有口令：请在提示时输入，或在脚本中设置环境变量 {variable}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="558"/>
        <source>{path} is a folder; give the name of a file to write.</source>
        <translation>{path} 是文件夹；请指定要写入的文件名。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="559"/>
        <source>{path} is a file, not a folder; give the folder to write into.</source>
        <translation>{path} 是文件，不是文件夹；请指定要写入的文件夹。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="560"/>
        <source>The backup {path} did not pass its check ({kind}): it cannot be trusted. Check the store with “charity-pos verify”.</source>
        <translation>备份 {path} 未通过校验（{kind}）：不可信。请用“charity-pos verify”检查门店数据文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="563"/>
        <source>{path} is a backup of store {found}, not of store {expected}: it is not restored here.</source>
        <translation>{path} 是门店 {found} 的备份，不是门店 {expected} 的：不在此恢复。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="565"/>
        <source>{path} already holds a store: add --force to replace it (the old file is kept beside it).</source>
        <translation>{path} 已有门店数据：如要替换请加 --force（旧文件会保留在旁边）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="567"/>
        <source>{path} is not a backup of a charity-pos store.</source>
        <translation>{path} 不是 charity-pos 门店数据的备份。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="568"/>
        <source>{path} is the key file of another store, not of store {expected}.</source>
        <translation>{path} 是另一家门店的密钥文件，不是门店 {expected} 的。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="569"/>
        <source>The passphrase does not open {path} (wrong passphrase, or the file was changed).</source>
        <translation>口令无法打开 {path}（口令错误，或文件被改动过）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="571"/>
        <source>{path} already exists and was not written by charity-pos, so it is left as it is; choose another name, move it away, or (on the command line) add --force to replace it.</source>
        <translation>{path} 已存在，且不是 charity-pos 写的，因此保持不动；请另选文件名、把它移走，或（在命令行中）加上 --force 予以替换。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="574"/>
        <source>{path} is not a hub trust file made by “charity-pos hub add-store” (field {field}).</source>
        <translation>{path} 不是“charity-pos hub add-store”生成的区级数据中心信任文件（字段 {field}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="576"/>
        <location filename="../../charity_pos/messages.py" line="681"/>
        <source>{path} was made for store {made_for}, not for this store ({store_code}).</source>
        <translation>{path} 是为门店 {made_for} 生成的，不是本门店（{store_code}）的。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="578"/>
        <source>This store already trusts the hub of {district} ({hub_id}); {path} is from another hub and is refused.</source>
        <translation>本门店已信任{district}的区级数据中心（{hub_id}）；{path} 来自另一个数据中心，已拒绝。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="580"/>
        <source>There is no journal event #{from_seq}: this store&apos;s journal runs from #1 to #{last_seq}.</source>
        <translation>没有日志事件 #{from_seq}：本门店的日志从 #1 到 #{last_seq}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="582"/>
        <source>The journal of {path} is broken at event #{seq}; nothing was exported. Run charity-pos verify.</source>
        <translation>{path} 的日志在事件 #{seq} 处断开，未导出任何内容。请运行 charity-pos verify 核验。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="589"/>
        <source>There is no district hub at {url} yet; create it with “charity-pos hub init”.</source>
        <translation>{url} 还没有区级数据中心；请先用“charity-pos hub init”创建。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="591"/>
        <source>{url} already holds the district hub of {district}; a new hub needs a new database.</source>
        <translation>{url} 已是{district}的区级数据中心；新建数据中心需要新的数据库。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="593"/>
        <source>{url} is not a charity-pos district hub database.</source>
        <translation>{url} 不是 charity-pos 区级数据中心数据库。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="594"/>
        <source>The hub database {url} cannot be opened: {detail}</source>
        <translation>无法打开数据中心数据库 {url}：{detail}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="595"/>
        <source>The hub database {url} has schema {revision} but this charity-pos needs {head}, and this database role may not upgrade it: run “charity-pos hub upgrade --hub URL” as the database&apos;s owner role, then try again. Nothing was changed.</source>
        <translation>数据中心数据库 {url} 的结构版本为 {revision}，本版 charity-pos 需要 {head}，而当前数据库角色无权升级：请以数据库所有者角色运行 “charity-pos hub upgrade --hub URL” 后再试。未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="599"/>
        <source>{path} is not a store registration file made by “charity-pos store-key” (field {field}).</source>
        <translation>{path} 不是由“charity-pos store-key”生成的门店登记文件（字段 {field}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="601"/>
        <source>Store {store_code} is already registered with another key; a registration file cannot replace it.</source>
        <translation>门店 {store_code} 已用另一个密钥登记；登记文件不能替换已登记的密钥。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="603"/>
        <source>{path} is not a store&apos;s journal as the district hub writes it, or it is damaged (line {line}: {detail}): nothing was written.</source>
        <translation>{path} 不是区级数据中心写出的门店日志，或已损坏（第 {line} 行：{detail}）：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="606"/>
        <source>{path}: event #{seq} does not follow the one before it (changed, dropped or moved, {detail}): refused, nothing was written.</source>
        <translation>{path}：事件 #{seq} 与前一条接不上（被改动、删除或挪动，{detail}）：已拒绝，未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="609"/>
        <source>{path} does not match the signature of {signer}: refused as forged or damaged, nothing was written.</source>
        <translation>{path} 与 {signer} 的签名不符：视为伪造或损坏而拒绝，未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="612"/>
        <source>{path} is signed by {signer}, not by the hub this store trusted ({expected}): refused, nothing was written.</source>
        <translation>{path} 由 {signer} 签名，而不是本门店信任的区级数据中心（{expected}）：已拒绝，未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="615"/>
        <source>{path}: the store&apos;s journal names no hub it trusted; give the hub&apos;s trust file with --trust to check the signature. Nothing was written.</source>
        <translation>{path}：门店日志中没有它信任的区级数据中心；请用 --trust 提供区级数据中心的信任文件以核对签名。未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="618"/>
        <source>The hub holds no event of store {store_code}: there is nothing to rebuild it from.</source>
        <translation>区级数据中心没有门店 {store_code} 的任何事件：无从重建。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="620"/>
        <source>{path} is not the key file of store {store_code}: refused, nothing was written.</source>
        <translation>{path} 不是门店 {store_code} 的密钥文件：已拒绝，未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="622"/>
        <source>{path} already holds another key file of this store; charity-pos never writes over a key file. Give that file with --key, or move it away.</source>
        <translation>{path} 已有本门店的另一个密钥文件；charity-pos 从不覆盖密钥文件。请用 --key 提供该文件，或将其移走。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="625"/>
        <source>The store&apos;s journal has no active manager account “{username}” to give the PIN to; name one with --manager.</source>
        <translation>门店日志中没有在用的店长账号“{username}”可设定 PIN；请用 --manager 指定一个。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="628"/>
        <source>Store {store_code} is already registered with another key; a registration file alone cannot replace it, only with a district staff account&apos;s PIN (--staff NAME --staff-pin PIN).</source>
        <translation>门店 {store_code} 已用另一个密钥登记；仅凭登记文件不能更换，须有区工作人员账号的 PIN（--staff 用户名 --staff-pin PIN）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="631"/>
        <source>This store is already registered as {registered_code}, not as {store_code}.</source>
        <translation>该门店已登记为 {registered_code}，而不是 {store_code}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="633"/>
        <source>{path} is not a bundle of a store&apos;s events (it is “{kind}”).</source>
        <translation>{path} 不是门店业务事件数据包（而是“{kind}”）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="635"/>
        <source>{path} comes from store {store_code}, which is not registered at this hub; register it with “charity-pos hub add-store” first.</source>
        <translation>{path} 来自门店 {store_code}，该门店未在本数据中心登记；请先用“charity-pos hub add-store”登记。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="638"/>
        <source>{path} has been altered: its bytes are not those charity-pos wrote for its content.</source>
        <translation>{path} 已被改动：文件字节与 charity-pos 为其内容写出的不一致。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="640"/>
        <source>{path} is signed by {signer} but holds the events of store {store_code}: refused as forged.</source>
        <translation>{path} 由 {signer} 签名，却装有门店 {store_code} 的事件：视为伪造，拒绝导入。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="642"/>
        <source>{path} is not from the store registered as {store_code} (another store id): refused.</source>
        <translation>{path} 不是来自登记为 {store_code} 的门店（门店标识不同）：拒绝导入。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="644"/>
        <source>{path} is damaged or tampered with: its manifest ({field}) does not match its events.</source>
        <translation>{path} 已损坏或被篡改：清单（{field}）与事件不符。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="646"/>
        <source>{path} is damaged: line {line} of its events is not an event.</source>
        <translation>{path} 已损坏：事件第 {line} 行不是有效事件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="648"/>
        <source>{path} is damaged or tampered with: its events are out of order or missing (expected #{seq}).</source>
        <translation>{path} 已损坏或被篡改：事件顺序错乱或有缺失（应为 #{seq}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="650"/>
        <source>{path} is damaged or tampered with: event #{seq} does not match its hash.</source>
        <translation>{path} 已损坏或被篡改：事件 #{seq} 与其哈希值不符。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="652"/>
        <source>{path} is damaged or tampered with: event #{seq} does not follow the event before it.</source>
        <translation>{path} 已损坏或被篡改：事件 #{seq} 与前一事件接不上。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="654"/>
        <source>missing events {first}-{last} of store {store_code}: import the earlier bundle first</source>
        <translation>缺少门店 {store_code} 的事件 {first}-{last}：请先导入更早的数据包</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="656"/>
        <source>Event #{seq} of store {store_code} differs from the one the hub already holds: refused as tampering (a fork).</source>
        <translation>门店 {store_code} 的事件 #{seq} 与数据中心已有的不同：视为篡改（分叉），拒绝导入。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="659"/>
        <source>{path}: the hub&apos;s database refused the import ({detail}); nothing was saved.</source>
        <translation>{path}：数据中心数据库拒绝了导入（{detail}），没有保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="661"/>
        <source>{path} was refused after an unexpected error ({error}); nothing was saved, and the details are in the log file.</source>
        <translation>{path} 因意外错误（{error}）被拒收；没有保存任何内容，详情见日志文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="664"/>
        <source>{path} is damaged or tampered with: its manifest&apos;s {field} is missing or not a value charity-pos writes.</source>
        <translation>{path} 已损坏或被篡改：清单中的 {field} 缺失，或不是 charity-pos 会写入的值。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="667"/>
        <source>{path} is damaged or tampered with: event #{seq} (line {line}) is not what a store writes ({field}).</source>
        <translation>{path} 已损坏或被篡改：事件 #{seq}（第 {line} 行）不是门店会写入的内容（{field}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="670"/>
        <source>No store {store_code} is registered at this hub; register it with “charity-pos hub add-store”.</source>
        <translation>本数据中心没有登记门店 {store_code}；请先用“charity-pos hub add-store”登记。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="672"/>
        <source>{path} is damaged: line {line} of its households is not a household link.</source>
        <translation>{path} 已损坏：其家庭文件第 {line} 行不是家庭关联记录。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="677"/>
        <source>This store trusts no district hub yet, so {path} cannot be checked: run charity-pos trust-hub first.</source>
        <translation>本店尚未信任任何区级中心，无法核验 {path}：请先运行 charity-pos trust-hub。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="679"/>
        <source>{path} is not a bundle from the district hub to a store (it is a {kind} bundle).</source>
        <translation>{path} 不是区级中心发给门店的数据包（它是 {kind} 数据包）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="683"/>
        <source>{path} is signed by {signer}, not by the hub of {district} that this store trusts: refused.</source>
        <translation>{path} 由 {signer} 签名，不是本店信任的{district}中心：已拒绝。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="685"/>
        <source>{path} is bundle #{sequence} from the hub, not newer than #{last_seq}: it is older than the one last applied (or the same one) and is refused.</source>
        <translation>{path} 是中心的第 {sequence} 号数据包，不比上次导入的第 {last_seq} 号新：比上次导入的旧（或是同一个），已拒绝。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="688"/>
        <source>{path} is damaged: line {line} of {file} is not what the district sends; nothing was applied.</source>
        <translation>{path} 已损坏：{file} 第 {line} 行不是区里发送的内容；未导入任何数据。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="690"/>
        <source>{path}: card {card} of the district&apos;s registry is held here by another household; nothing was applied. Ask the district to check the card.</source>
        <translation>{path}：区登记册中的救助卡 {card} 在本店属于另一户；未导入任何数据。请联系区里核对此卡。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="693"/>
        <source>Household {card} came from the district&apos;s registry: this store does not hold its whole ID number (ask the district).</source>
        <translation>救助户 {card} 来自区登记册：本店不保存其完整身份证号（请向区里查询）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="701"/>
        <source>Nothing in this store has the code “{code}”: scan a label, or type a barcode or a donation, receipt, sale, return, handout, stock receipt, count or write-off number.</source>
        <translation>本店没有编码为“{code}”的记录：请扫描标签，或输入条码，或捐赠、收据、销售、退货、发放、入库、盘点、报损单号。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="704"/>
        <source>No donor is recorded as “{donor}”: give the donor&apos;s name exactly as recorded, a company&apos;s credit code or the donor&apos;s phone number.</source>
        <translation>没有登记为“{donor}”的捐赠人：请输入与登记完全一致的姓名、单位的统一社会信用代码或捐赠人的电话号码。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="707"/>
        <source>{count} donors are recorded as “{donor}”: give the company&apos;s credit code or the donor&apos;s phone number instead.</source>
        <translation>有 {count} 位捐赠人登记为“{donor}”：请改用单位的统一社会信用代码或捐赠人的电话号码。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="710"/>
        <source>Anonymous donations have no donor statement: there is no one to address it to.</source>
        <translation>匿名捐赠没有捐赠反馈函：没有可以致函的对象。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="712"/>
        <source>“{donor}” gave nothing in {year}: there is no statement to write.</source>
        <translation>“{donor}”在{year}年没有捐赠记录，无需出具反馈函。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="716"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="718"/>
        <source>Donor</source>
        <translation>捐赠人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="721"/>
        <source>{field}: “{value}” is not a year; type it like 2026.</source>
        <translation>{field}：“{value}”不是年份，请输入如 2026。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="727"/>
        <source>{path}: a report is written as an Excel workbook (.xlsx), a PDF (.pdf) or a .csv file, not as “{suffix}”.</source>
        <translation>{path}：报表只能保存为 Excel 工作簿（.xlsx）、PDF（.pdf）或 .csv 文件，不能保存为“{suffix}”。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="730"/>
        <source>There is no report “{kind}”; the reports are: {kinds}.</source>
        <translation>没有“{kind}”这种报表；可用的报表有：{kinds}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="731"/>
        <source>{month} has not begun yet: a public notice is written for a month that has begun.</source>
        <translation>{month} 尚未开始：只能为已开始的月份编制公示。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="736"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="742"/>
        <source>{field}: up to “{value}” is more than 36 months; show at most 36 months at a time.</source>
        <translation>{field}：到“{value}”超过 36 个月；一次最多显示 36 个月。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="749"/>
        <source>This QR code was printed in training mode: it is practice, not a donation receipt.</source>
        <translation>此二维码由培训模式打印：仅供练习，不是捐赠收据。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="751"/>
        <source>“{text}” is not the QR code of a charity-pos donation receipt: scan the code at the top left of the receipt.</source>
        <translation>“{text}”不是 charity-pos 捐赠收据的二维码：请扫描收据左上角的二维码。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="754"/>
        <source>No QR code could be read in {path}: scan or photograph the receipt again, flat, sharp and with the whole code in the picture.</source>
        <translation>{path} 中读不出二维码：请把收据放平，重新扫描或拍照，画面清晰并拍全二维码。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="757"/>
        <source>{path} cannot be read as a picture or PDF: give a PNG, JPEG or PDF of the receipt.</source>
        <translation>{path} 不是可读取的图片或 PDF：请提供收据的 PNG、JPEG 或 PDF 文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="759"/>
        <source>{path} is not a keys file written by charity-pos hub publish-keys ({field} is wrong).</source>
        <translation>{path} 不是 charity-pos hub publish-keys 生成的公钥文件（{field} 有误）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="761"/>
        <source>{path} was changed after the hub signed it (hub key {fingerprint}): do not trust it; get the district&apos;s keys file again.</source>
        <translation>{path} 在区平台签名后被改动过（平台公钥 {fingerprint}）：不可信，请重新向区里获取公钥文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="764"/>
        <source>{path} is signed by hub key {fingerprint}, not by the district&apos;s key {expected}: do not trust it.</source>
        <translation>{path} 由平台公钥 {fingerprint} 签名，而不是区里公布的公钥 {expected}：不可信。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="769"/>
        <source>version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="770"/>
        <source>layout</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="771"/>
        <source>store code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="772"/>
        <source>receipt number</source>
        <translation>收据号码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="773"/>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="774"/>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="775"/>
        <source>signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="776"/>
        <source>verification code</source>
        <translation>校验码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="779"/>
        <source>The receipt&apos;s QR code is damaged: its {field} “{value}” is not as a store prints it. Scan it again, or type its text exactly.</source>
        <translation>收据二维码已损坏：其中的{field}“{value}”与门店打印的格式不符。请重新扫描，或准确输入二维码内容。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="926"/>
        <source>The receipt printer ({target}) did not take the job: {why} What was recorded is kept: print again once the printer is ready.</source>
        <translation>小票打印机（{target}）未能打印：{why}已记录的内容不会丢失，打印机就绪后请重新打印。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="930"/>
        <source>it cannot be reached. Check that it is switched on and its cable (or network) is plugged in.</source>
        <translation>无法连接打印机。请检查打印机是否开机，数据线（或网线）是否插好。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="932"/>
        <source>the port cannot be opened. Check the port&apos;s name in Settings, and that no other program is using it.</source>
        <translation>端口无法打开。请在设置中检查端口名称，并确认没有其他程序占用该端口。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="934"/>
        <source>it is out of paper. Put in a new roll and close the cover.</source>
        <translation>打印机缺纸。请装入新纸卷并合上纸仓盖。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="935"/>
        <source>this PC lacks what the connection needs (the USB library or the Windows printing module).</source>
        <translation>本机缺少该连接方式所需的组件（USB 驱动库或 Windows 打印模块）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="937"/>
        <source>a Windows print queue can only be used on Windows.</source>
        <translation>Windows 打印队列只能在 Windows 系统上使用。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="938"/>
        <source>it answered with an error ({detail}).</source>
        <translation>打印机返回错误（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="950"/>
        <source>Slip output</source>
        <translation>小票输出方式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="951"/>
        <source>Printer connection</source>
        <translation>打印机连接方式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="952"/>
        <source>USB vendor ID</source>
        <translation>USB 厂商 ID</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="953"/>
        <source>USB product ID</source>
        <translation>USB 产品 ID</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="954"/>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="955"/>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="956"/>
        <source>Printer address</source>
        <translation>打印机地址</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="957"/>
        <source>Printer port</source>
        <translation>打印机端口</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="958"/>
        <source>Windows printer</source>
        <translation>Windows 打印机</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="959"/>
        <source>Drawer pin</source>
        <translation>钱箱引脚</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="960"/>
        <source>Slip paper</source>
        <translation>小票纸宽</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="963"/>
        <source>{field}: “{value}” is not a USB ID; type four hexadecimal digits, like 0416 or 0x0416.</source>
        <translation>{field}：“{value}”不是有效的 USB ID，请输入四位十六进制数字，例如 0416 或 0x0416。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="965"/>
        <source>{field}: “{value}” is not a baud rate a receipt printer uses (9600, 19200, 38400, 57600 or 115200).</source>
        <translation>{field}：“{value}”不是小票打印机使用的波特率（9600、19200、38400、57600 或 115200）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="967"/>
        <source>{field}: “{value}” is not a network address; type the printer&apos;s IP address, like 192.168.1.87.</source>
        <translation>{field}：“{value}”不是有效的网络地址，请输入打印机的 IP 地址，例如 192.168.1.87。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="969"/>
        <source>{field}: “{value}” is not a port number from 1 to 65535.</source>
        <translation>{field}：“{value}”不是 1 到 65535 之间的端口号。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="970"/>
        <source>{field}: a cash drawer is on pin 2 or pin 5, not “{value}”.</source>
        <translation>{field}：钱箱接在 2 号或 5 号引脚，不能是“{value}”。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="971"/>
        <source>{field}: receipt paper is 58 or 80 mm wide, not “{value}”.</source>
        <translation>{field}：小票纸宽为 58 或 80 毫米，不能是“{value}”。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="972"/>
        <source>{field}: a Windows print queue can only be used on Windows.</source>
        <translation>{field}：Windows 打印队列只能在 Windows 系统上使用。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="973"/>
        <source>{field}: “{value}” is not one of the choices.</source>
        <translation>{field}：“{value}”不在可选范围内。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="976"/>
        <source>open the cash drawer without a sale</source>
        <translation>无销售开钱箱</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="977"/>
        <source>choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="982"/>
        <source>The check could not be run: the temporary folder {folder} cannot be written ({why}). This says nothing about the store file, which was not changed. Make room there, or set TMPDIR to a folder with room, and run the check again.</source>
        <translation>校验未能进行：临时文件夹 {folder} 无法写入（{why}）。这并不说明门店数据文件有任何问题，该文件也没有被改动。请在那里腾出空间，或把 TMPDIR 设为有空间的文件夹，然后重新校验。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="989"/>
        <source>no permission to write there</source>
        <translation>没有在那里写入的权限</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="990"/>
        <source>the folder does not exist</source>
        <translation>该文件夹不存在</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="991"/>
        <source>it is not a folder</source>
        <translation>它不是文件夹</translation>
    </message>
    <message>
        <source>No lot has the code “{code}”: scan the lot's label (22…), or give a maker's barcode or the lot's id (charity-pos show stock --json).</source>
        <translation>没有批次的编码是“{code}”：请扫描批次标签（22…），或给出商品条码或批次编号（charity-pos show stock --json）。</translation>
    </message>
    <message>
        <source>{count} lots of “{item_name}” hold goods under barcode {code}: name one by its lot id (charity-pos show stock --json), or choose it on the stock screen.</source>
        <translation>条码 {code} 的“{item_name}”有 {count} 个批次有库存：请用批次编号指定其一（charity-pos show stock --json），或在库存界面中选择。</translation>
    </message>
    <message>
        <source>Lot {code} of “{item_name}” is empty: there is nothing to write off.</source>
        <translation>“{item_name}”的批次 {code} 已无库存，无可报损。</translation>
    </message>
    <message>
        <source>Lot {code} of “{item_name}” holds {available}: {wanted} cannot be written off.</source>
        <translation>“{item_name}”的批次 {code} 只有 {available}，不能报损 {wanted}。</translation>
    </message>
    <message>
        <source>There is no write-off numbered “{number}”.</source>
        <translation>没有编号为“{number}”的报损单。</translation>
    </message>
    <message>
        <source>Write-off reason</source>
        <translation>报损原因</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>情况说明</translation>
    </message>
    <message>
        <source>Receiving organisation</source>
        <translation>受赠单位</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>PDF file (--pdf)</source>
        <translation>PDF 文件（--pdf）</translation>
    </message>
    <message>
        <source>{field} is given only for goods passed on to another charity (转赠).</source>
        <translation>只有转赠给其他慈善组织的物资才填写{field}。</translation>
    </message>
    <message>
        <source>{field} {value} is on this write-off twice.</source>
        <translation>{field} {value} 在本报损单中出现了两次。</translation>
    </message>
    <message>
        <source>Give one --quantity for each --lot, in the same order.</source>
        <translation>每个 --lot 须对应一个 --quantity，顺序相同。</translation>
    </message>
    <message>
        <source>write goods off</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>write off goods worth more than the limit</source>
        <translation>报损超过审批额度的物资</translation>
    </message>
</context>
<context>
    <name>ExportPath</name>
    <message>
        <location filename="../../charity_pos/ui/export_path.py" line="15"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/export_path.py" line="16"/>
        <source>PDF file (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/export_path.py" line="17"/>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/export_path.py" line="18"/>
        <source>Export report</source>
        <translation>导出报表</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <location filename="../../charity_pos/ui/feedback.py" line="24"/>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>A store that starts using charity-pos today: its code, name and district come from the district office.</source>
        <translation>今天开始使用 charity-pos 的门店：门店代码、名称和所属区由区里提供。</translation>
    </message>
    <message>
        <source>This store&apos;s PC was replaced or its disk failed: the store comes back from its latest backup (a USB disk, the backup folder).</source>
        <translation>本店的电脑换了新的，或硬盘坏了：从最近的备份（U 盘、备份文件夹）恢复门店。</translation>
    </message>
    <message>
        <source>The store file is elsewhere on this PC or on another drive (e.g. D:).</source>
        <translation>门店数据库在这台电脑的其他位置或其他磁盘上（如 D:）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="64"/>
        <source>charity-pos: set up this PC</source>
        <translation>charity-pos：首次使用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="73"/>
        <source>Set up this PC</source>
        <translation>首次使用：设置这台电脑</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="81"/>
        <source>There is no store file on this PC yet ({path}). What would you like to do? Press 1, 2, 3 or 4.</source>
        <translation>这台电脑上还没有门店数据库（{path}）。请选择要做什么：按 1、2、3 或 4。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="83"/>
        <source>1  New store</source>
        <translation>1  新建门店</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="84"/>
        <source>2  Restore from a backup</source>
        <translation>2  从备份恢复</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="86"/>
        <source>3  Open an existing store file</source>
        <translation>3  打开已有的门店文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="87"/>
        <source>4  Quit</source>
        <translation>4  退出</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="106"/>
        <source>A new store file is made at {path}, with a first manager account. The manager logs in with the PIN chosen here.</source>
        <translation>新的门店数据库将建在 {path}，并建立第一个店长账号。店长用这里设定的 PIN 登录。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="110"/>
        <source>2-8 capital letters or digits, e.g. PT01</source>
        <translation>2-8 位大写字母或数字，如 PT01</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="113"/>
        <source>the store&apos;s full name</source>
        <translation>门店全称</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="116"/>
        <source>e.g. Wang Fang</source>
        <translation>如 王芳</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="119"/>
        <source>Store code</source>
        <translation>门店代码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="120"/>
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="121"/>
        <source>District</source>
        <translation>所属区</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="122"/>
        <source>Manager&apos;s name</source>
        <translation>店长姓名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="123"/>
        <source>Manager&apos;s PIN (4-12 digits)</source>
        <translation>店长 PIN（4-12 位数字）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="124"/>
        <source>PIN again</source>
        <translation>再输一次 PIN</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="129"/>
        <source>Create the store</source>
        <translation>建立门店</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="140"/>
        <source>The backup is checked, then put in place as {path}.</source>
        <translation>备份先经检查，再放到 {path} 作为门店数据库。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="144"/>
        <source>Choose the backup…</source>
        <translation>选择备份…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="146"/>
        <source>Backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="151"/>
        <source>Choose the key file…</source>
        <translation>选择密钥文件…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="153"/>
        <source>Protected key file</source>
        <translation>受保护的密钥文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="157"/>
        <source>Its passphrase</source>
        <translation>它的口令</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="159"/>
        <source>The store&apos;s key file is in no backup. If it is not on this PC, choose the file “charity-pos backup-key” wrote and type its passphrase; without it the store cannot be fully restored.</source>
        <translation>门店的密钥文件不在任何备份里。如果这台电脑上没有它，请选择用“charity-pos backup-key”保存的文件并输入口令；没有它，门店无法完整恢复。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="165"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="179"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="209"/>
        <source>The two PINs differ.</source>
        <translation>两次输入的 PIN 不一致。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="226"/>
        <source>Choose the backup</source>
        <translation>选择备份</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="226"/>
        <source>Backups (*.sqlite3);;All files (*)</source>
        <translation>备份 (*.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="238"/>
        <source>A backup of store {code}; its key file is on this PC.</source>
        <translation>门店 {code} 的备份；这台电脑上已有它的密钥文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="241"/>
        <source>A backup of store {code}; its key file is not on this PC: choose it below.</source>
        <translation>门店 {code} 的备份；这台电脑上没有它的密钥文件：请在下面选择。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="246"/>
        <source>Choose the protected key file</source>
        <translation>选择受保护的密钥文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="246"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="257"/>
        <source>Choose the backup file first.</source>
        <translation>请先选择备份文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="282"/>
        <source>The key file is missing</source>
        <translation>缺少密钥文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="283"/>
        <source>The store was restored, but its key file is not on this PC. Put it back with “charity-pos restore-key” before using the store.</source>
        <translation>门店已恢复，但这台电脑上没有它的密钥文件。使用门店前，请先用“charity-pos restore-key”把它放回。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="301"/>
        <source>Choose the store file</source>
        <translation>选择门店数据库文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/first_start.py" line="301"/>
        <source>Store files (*.sqlite3);;All files (*)</source>
        <translation>门店数据库 (*.sqlite3);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>FundUseDialog</name>
    <message>
        <location filename="../../charity_pos/ui/reports/funds.py" line="46"/>
        <source>Record use of donated cash</source>
        <translation>记录善款使用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/funds.py" line="49"/>
        <source>Donated cash is kept apart from sales income: record each use with the voucher that backs it.</source>
        <translation>善款与销售收入分开管理（收支两条线）：每笔使用都要登记并附凭证。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/funds.py" line="69"/>
        <source>e.g. rice and oil bought for households in need</source>
        <translation>例如：为困难家庭购买米面油</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/funds.py" line="72"/>
        <source>Invoice or voucher number</source>
        <translation>发票或凭证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/funds.py" line="73"/>
        <source>Date of use</source>
        <translation>使用日期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/funds.py" line="74"/>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/funds.py" line="75"/>
        <source>Use</source>
        <translation>用途类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/funds.py" line="76"/>
        <source>Purpose</source>
        <translation>用途说明</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/funds.py" line="77"/>
        <source>Voucher</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/funds.py" line="85"/>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/funds.py" line="86"/>
        <source>Record (Enter)</source>
        <translation>记录 (Enter)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/funds.py" line="103"/>
        <source>Donated cash left: {amount}</source>
        <translation>善款结余：{amount}</translation>
    </message>
</context>
<context>
    <name>GoodsEntry</name>
    <message>
        <location filename="../../charity_pos/ui/intake/goods.py" line="57"/>
        <source>Goods (Ctrl+F)</source>
        <extracomment>An item to add as a line: (ItemRow, quantity). A valid maker&apos;s barcode that no item has: (code, quantity). Ctrl+N or its button: make a new item (the screen opens the editor). ↓ with no list to go into: to the lines.</extracomment>
        <translation>物品（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/goods.py" line="60"/>
        <source>Scan a barcode, or type a name or pinyin initials; 3* adds three</source>
        <translation>扫条码，或输入名称、拼音首字母；3* 表示 3 件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/goods.py" line="62"/>
        <source>New item… (Ctrl+N)</source>
        <translation>新商品…（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/goods.py" line="114"/>
        <source>Nothing found for “{text}”. Ctrl+N makes a new item.</source>
        <translation>没有找到“{text}”。按 Ctrl+N 新建商品。</translation>
    </message>
</context>
<context>
    <name>HandoutHistoryModel</name>
    <message>
        <location filename="../../charity_pos/ui/households/history.py" line="24"/>
        <source>Handout number</source>
        <translation>发放单号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/history.py" line="24"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/history.py" line="24"/>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/history.py" line="24"/>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/history.py" line="24"/>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/history.py" line="25"/>
        <source>Over the allowance</source>
        <translation>超额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/history.py" line="25"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/history.py" line="42"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>HandoutModel</name>
    <message>
        <location filename="../../charity_pos/ui/handout/model.py" line="31"/>
        <source>Goods</source>
        <translation>物品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/model.py" line="31"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/model.py" line="31"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/model.py" line="31"/>
        <source>Unit value</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/model.py" line="31"/>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/model.py" line="32"/>
        <source>Over</source>
        <translation>超额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/model.py" line="92"/>
        <source>{units} over</source>
        <translation>超额 {units}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/model.py" line="109"/>
        <source>{units} of {quantity} past the allowance: F10 moves them to a paid sale</source>
        <translation>{quantity} 件中 {units} 件超出额度：按 F10 转为付费购买</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/model.py" line="112"/>
        <source>{on_hand} on hand by the books</source>
        <translation>账面库存 {on_hand}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/model.py" line="114"/>
        <source>Not for sale: counted at its reference price</source>
        <translation>非卖品：按参考价计入额度</translation>
    </message>
</context>
<context>
    <name>HandoutScanEntry</name>
    <message>
        <location filename="../../charity_pos/ui/handout/scan.py" line="43"/>
        <source>Card</source>
        <extracomment>Letters then digits, as relief cards are numbered (AX000001). A relief card&apos;s number, typed or scanned.</extracomment>
        <translation>救助卡</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/scan.py" line="44"/>
        <source>Scan or type the relief card, e.g. AX000001</source>
        <translation>请扫描或输入救助卡号，如 AX000001</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/scan.py" line="46"/>
        <source>Goods (Ctrl+F)</source>
        <translation>物品（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/scan.py" line="47"/>
        <source>Scan goods, or type a name or pinyin initials; 3* for three</source>
        <translation>扫描物品条码，或输入品名、拼音首字母；3* 表示三件</translation>
    </message>
</context>
<context>
    <name>HandoutScreen</name>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="64"/>
        <source>That is a sales slip: returns are taken on the sale screen (F9).</source>
        <extracomment>Goods the household pays for instead, [(Scanned, quantity)]: the main window puts them on the sale screen&apos;s ticket.</extracomment>
        <translation>这是销售小票：退货请到收银界面（F9）办理。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="89"/>
        <source>Finish (F12)</source>
        <extracomment>how far the district&apos;s hub has this store&apos;s data (from its last downstream bundle)</extracomment>
        <translation>完成发放（F12）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="100"/>
        <source>Quantity (F6)</source>
        <translation>数量（F6）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="101"/>
        <source>Remove line (Del)</source>
        <translation>删除此行（Del）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="102"/>
        <source>Find goods (Ctrl+F)</source>
        <translation>查找物品（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="103"/>
        <source>Beyond allowance to paid sale (F10)</source>
        <translation>超额部分转为付费购买（F10）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="104"/>
        <source>Line to paid sale (Ctrl+F10)</source>
        <translation>此行转为付费购买（Ctrl+F10）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="105"/>
        <source>New visit (Esc)</source>
        <translation>下一位（Esc）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="106"/>
        <source>Print slip (Ctrl+P)</source>
        <translation>打印发放单（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="107"/>
        <source>A5 slip (Ctrl+Shift+P)</source>
        <translation>A5 发放单（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="108"/>
        <source>Slip as PDF (Ctrl+E)</source>
        <translation>发放单存为 PDF（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="127"/>
        <source>Relief handout</source>
        <translation>物资发放</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="130"/>
        <source>Relief handout: scan the relief card, then the goods (3* for three), F6 quantity, Del remove line, Ctrl+F find goods, F10 what is beyond the allowance to a paid sale, Ctrl+F10 the current line to a paid sale, F12 finish, Ctrl+P print slip, Ctrl+Shift+P A5 slip, Ctrl+E slip as PDF, Esc new visit</source>
        <translation>物资发放：先扫描救助卡，再扫描物品（3* 表示 3 件），F6 数量，Del 删除此行，Ctrl+F 查找物品，F10 超额部分转为付费购买，Ctrl+F10 当前行转为付费购买，F12 完成发放，Ctrl+P 打印发放单，Ctrl+Shift+P A5 发放单，Ctrl+E 发放单存为 PDF，Esc 下一位</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="158"/>
        <source>The district has this store&apos;s data up to {date}</source>
        <translation>区里已收到本店数据至 {date}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="200"/>
        <source>Card {card} is already at the counter.</source>
        <translation>救助卡 {card} 正在办理中。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="215"/>
        <source>Card {card}: scan the goods.</source>
        <translation>救助卡 {card}：请扫描物品。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="236"/>
        <source>Drop the handout</source>
        <translation>放弃发放</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/handout/view.py" line="237"/>
        <source>Drop the unfinished handout for card {card} (%n line(s), {value})? Nothing is handed out.</source>
        <translation>
            <numerusform>放弃救助卡 {card} 未完成的发放（%n 行，{value}）？不会发放任何物资。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="246"/>
        <source>Ready for the next card.</source>
        <translation>请扫描下一张救助卡。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="267"/>
        <source>Handout {number} is already finished: scan the next card.</source>
        <translation>发放单 {number} 已完成：请扫描下一张救助卡。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="271"/>
        <source>Scan the relief card first.</source>
        <translation>请先扫描救助卡。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="274"/>
        <source>Nothing to hand out yet: scan the goods first.</source>
        <translation>还没有要发放的物品：请先扫码。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="286"/>
        <source>Not approved: the handout is not finished.</source>
        <translation>未获店长批准：发放未完成。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="291"/>
        <source>Last handout {number}: card {card}, {value}</source>
        <translation>上一笔发放 {number}：救助卡 {card}，{value}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="293"/>
        <source>Handed out: {number}, {value}. Print the slip for the recipient to sign (Ctrl+P).</source>
        <translation>已发放：{number}，{value}。请打印发放单由领取人签字（Ctrl+P）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="295"/>
        <source>Beyond the allowance: handed out with a warning, and logged.</source>
        <translation>超额发放：已提醒并记录在案。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="297"/>
        <source>The books show less on hand than was handed out: check the shelf.</source>
        <translation>账面库存少于发放数量：请核对货架。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="301"/>
        <source>Goods to pay for are on the sale&apos;s ticket (F9).</source>
        <translation>需付费的商品已在收银单上（F9）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="318"/>
        <location filename="../../charity_pos/ui/handout/view.py" line="328"/>
        <source>No handout finished yet at this screen.</source>
        <translation>本界面还没有完成的发放。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="322"/>
        <source>Slip of {number} printed: the recipient signs it.</source>
        <translation>发放单 {number} 已打印：请领取人签字。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/handout/view.py" line="332"/>
        <source>Slip of {number} saved as {path}.</source>
        <translation>发放单 {number} 已保存为 {path}。</translation>
    </message>
</context>
<context>
    <name>HandoutSlips</name>
    <message>
        <location filename="../../charity_pos/ui/handout/slip.py" line="62"/>
        <source>handout-{number}.pdf</source>
        <extracomment>A5 portrait, in points.</extracomment>
        <translation>物资发放单-{number}.pdf</translation>
    </message>
</context>
<context>
    <name>HandoutsDialog</name>
    <message>
        <location filename="../../charity_pos/ui/households/history.py" line="49"/>
        <source>Handouts of card {card}</source>
        <translation>卡 {card} 的领取记录</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/history.py" line="57"/>
        <source>Card {card}, {name}: handouts from {start} to {end}</source>
        <translation>卡 {card}，{name}：{start} 至 {end} 的领取记录</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/households/history.py" line="65"/>
        <source>%n handout(s), {value} given out.</source>
        <translation>
            <numerusform>本期领取 %n 次，共 {value}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/history.py" line="83"/>
        <source>Allowance this period {allowance}; {left} left.</source>
        <translation>本期额度 {allowance}，剩余 {left}。</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="87"/>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="87"/>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="87"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="87"/>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="88"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="88"/>
        <source>Sub-district</source>
        <translation>认定街道</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="88"/>
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="88"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="84"/>
        <source>Lapsed, personal data erased</source>
        <translation>已失效，个人信息已删除</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="97"/>
        <source>Suspended: {reason}</source>
        <translation>已暂停：{reason}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="83"/>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="99"/>
        <source>Lapsed on {date}</source>
        <translation>已失效（{date}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="101"/>
        <source>Valid from {date}</source>
        <translation>{date} 起有效</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="83"/>
        <source>In use</source>
        <extracomment>Columns that narrow, elided, when the window is short of room (the status takes the rest): the words, and the masked ID number, elided in its middle (310104…5113: the digits it shows).</extracomment>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="132"/>
        <source>Eligibility lapsed long ago: the name, ID number and certificate were erased; only what reports need is kept.</source>
        <translation>资格失效已久：姓名、身份证号和认定文书号已删除，只保留统计报表所需的信息。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/model.py" line="135"/>
        <source>Eligibility ended on {date}; the household must be certified again.</source>
        <translation>资格已于 {date} 到期，需重新认定。</translation>
    </message>
</context>
<context>
    <name>Households</name>
    <message>
        <location filename="../../charity_pos/ui/households/words.py" line="16"/>
        <source>Subsistence allowance</source>
        <extracomment>In the order the sub-district lists them.</extracomment>
        <translation>低保</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/words.py" line="17"/>
        <source>Near subsistence</source>
        <translation>低保边缘</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/words.py" line="18"/>
        <source>Extreme poverty</source>
        <translation>特困</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/words.py" line="19"/>
        <source>Low income</source>
        <translation>低收入</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/words.py" line="20"/>
        <source>Poverty from expenses</source>
        <translation>支出型贫困</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/words.py" line="21"/>
        <source>Temporary relief</source>
        <translation>临时救助</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/words.py" line="25"/>
        <source>Per month</source>
        <translation>每月</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/words.py" line="26"/>
        <source>Per quarter</source>
        <translation>每季度</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/words.py" line="30"/>
        <source>Enforce</source>
        <translation>超额须店长批准</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/words.py" line="31"/>
        <source>Warn only</source>
        <translation>仅提醒</translation>
    </message>
</context>
<context>
    <name>HouseholdsScreen</name>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="62"/>
        <source>Card number, name or its pinyin initials, ID digits, sub-district (Ctrl+F)</source>
        <translation>卡号、姓名或拼音首字母、身份证号中的数字、街道（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="66"/>
        <source>All households</source>
        <translation>全部家庭</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="66"/>
        <source>Cards in use</source>
        <translation>在用的卡</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="66"/>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="67"/>
        <source>Lapsed</source>
        <translation>已失效</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="74"/>
        <source>New household (Ctrl+N)</source>
        <translation>新建家庭 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="76"/>
        <source>Whole ID number… (Ctrl+I)</source>
        <translation>查看完整身份证号… (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="77"/>
        <source>Handouts this period (Ctrl+J)</source>
        <translation>本期领取记录 (Ctrl+J)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="78"/>
        <source>Import spreadsheet… (Ctrl+O)</source>
        <translation>导入表格… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="79"/>
        <source>Quota rules… (Ctrl+R)</source>
        <translation>配额规则… (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="108"/>
        <source>Households</source>
        <extracomment>the spreadsheet read and checked off the UI thread</extracomment>
        <translation>困难家庭</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="234"/>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/households/view.py" line="246"/>
        <source>Imported %n household(s).</source>
        <translation>
            <numerusform>已导入 %n 户。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/households/view.py" line="250"/>
        <source>The %n row(s) to correct were written to {file}.</source>
        <translation>
            <numerusform>需更正的 %n 行已写入 {file}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="75"/>
        <location filename="../../charity_pos/ui/households/view.py" line="156"/>
        <source>Suspend… (Ctrl+T)</source>
        <translation>暂停… (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="111"/>
        <source>Households: Ctrl+F search, Ctrl+N new, Ctrl+T suspend or reactivate, Ctrl+I whole ID number, Ctrl+J handouts, Ctrl+O import, Ctrl+R quota rules</source>
        <translation>困难家庭：Ctrl+F 查找，Ctrl+N 新建，Ctrl+T 暂停或恢复，Ctrl+I 完整身份证号，Ctrl+J 领取记录，Ctrl+O 导入，Ctrl+R 配额规则</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/households/view.py" line="135"/>
        <source>%n household(s) shown</source>
        <translation>
            <numerusform>显示 %n 户</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="156"/>
        <source>Reactivate (Ctrl+T)</source>
        <translation>恢复使用 (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="183"/>
        <source>Reactivate card</source>
        <translation>恢复使用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="184"/>
        <source>Put card {card} ({name}) back in use?</source>
        <translation>恢复使用卡 {card}（{name}）？</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="201"/>
        <source>Whole ID number</source>
        <translation>完整身份证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="202"/>
        <source>The whole ID number of card {card} ({name}) will be shown. This is written to the audit log under your name. Show it?</source>
        <translation>将显示卡 {card}（{name}）的完整身份证号，并以您的名义记入审计日志。要显示吗？</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="248"/>
        <source>No household was imported.</source>
        <translation>未导入任何家庭。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="254"/>
        <location filename="../../charity_pos/ui/households/view.py" line="260"/>
        <source>Import households</source>
        <translation>导入困难家庭</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/view.py" line="261"/>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
</context>
<context>
    <name>HubLoginScreen</name>
    <message>
        <location filename="../../charity_pos/hub_ui/login.py" line="24"/>
        <source>charity-pos hub: log in</source>
        <translation>慈善超市区级平台：登录</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/login.py" line="27"/>
        <source>District hub · {district}</source>
        <translation>区级平台 · {district}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/login.py" line="58"/>
        <source>{name} · district staff ({username})</source>
        <translation>{name} · 区级工作人员（{username}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/login.py" line="61"/>
        <source>No district staff account yet: add one with charity-pos hub add-user.</source>
        <translation>还没有区级工作人员账号：请用 charity-pos hub add-user 添加。</translation>
    </message>
</context>
<context>
    <name>HubWindow</name>
    <message>
        <location filename="../../charity_pos/hub_ui/window.py" line="32"/>
        <source>charity-pos hub · {district}</source>
        <translation>慈善超市区级平台 · {district}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/window.py" line="47"/>
        <source>Import bundles</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/window.py" line="47"/>
        <source>Stores</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/window.py" line="48"/>
        <source>Registry</source>
        <translation>登记册</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/window.py" line="49"/>
        <source>Reporting</source>
        <translation>上报情况</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/window.py" line="50"/>
        <source>Past their allowance</source>
        <translation>超额领取</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/window.py" line="51"/>
        <source>Verify a receipt (F9)</source>
        <translation>核验收据 (F9)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/window.py" line="52"/>
        <source>District reports (F8)</source>
        <translation>全区报表 (F8)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/window.py" line="68"/>
        <source>{district} · {name} ({username}) · district staff · charity-pos {version}</source>
        <translation>{district} · {name}（{username}）· 区级工作人员 · charity-pos {version}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/window.py" line="70"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>调拨</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../charity_pos/ui/households/importing.py" line="84"/>
        <source>Import households from {file}</source>
        <translation>从 {file} 导入困难家庭</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/importing.py" line="87"/>
        <source>{rows}: {good} can be imported, {bad} must be corrected first.</source>
        <translation>{rows}：{good} 行可以导入，{bad} 行需先更正。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/households/importing.py" line="88"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>共 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/importing.py" line="96"/>
        <source>The rows to correct, with their reasons, will be written to {file}. Nothing is imported unless every good row is.</source>
        <translation>需更正的行及其原因将写入 {file}。正确的行要么全部导入，要么一行也不导入。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/importing.py" line="98"/>
        <source>Every row can be imported.</source>
        <translation>所有行都可以导入。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/households/importing.py" line="107"/>
        <source>Import %n good row(s)</source>
        <translation>
            <numerusform>导入 %n 行正确数据</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/importing.py" line="108"/>
        <source>Write the rows to correct</source>
        <translation>写出需更正的行</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/importing.py" line="135"/>
        <source>Importing the good rows…</source>
        <extracomment>the import, run off the UI thread; a refusal is said in ``problem``</extracomment>
        <translation>正在导入正确的数据行…</translation>
    </message>
</context>
<context>
    <name>ImportScreen</name>
    <message>
        <location filename="../../charity_pos/hub_ui/importing.py" line="53"/>
        <source>Import bundles</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/importing.py" line="56"/>
        <source>Drop the stores&apos; bundle files (.cpbundle) here, or choose them.</source>
        <translation>把门店的数据包文件（.cpbundle）拖到这里，或点击选择。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/importing.py" line="60"/>
        <source>Choose files…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/importing.py" line="63"/>
        <source>Stop after this file</source>
        <translation>本文件后停止</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/importing.py" line="90"/>
        <source>Choose bundle files</source>
        <translation>选择数据包文件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/importing.py" line="90"/>
        <source>Bundles (*{suffix})</source>
        <translation>数据包 (*{suffix})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/importing.py" line="149"/>
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>正在导入 %n 个文件…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/importing.py" line="168"/>
        <source>applied %n event(s) of store {code} (#{first}-#{last})</source>
        <translation>
            <numerusform>已导入门店 {code} 的 %n 条事件（#{first}-#{last}）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/importing.py" line="178"/>
        <source>{name}: {read} of {total} events read</source>
        <translation>{name}：已读取 {read} / {total} 条事件</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/importing.py" line="205"/>
        <source>Stopped: {done} of %n file(s) imported.</source>
        <translation>
            <numerusform>已停止：%n 个文件中导入了 {done} 个。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/importing.py" line="207"/>
        <source>Done: %n file(s), {refused} refused.</source>
        <translation>
            <numerusform>完成：共 %n 个文件，拒绝 {refused} 个。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/importing.py" line="163"/>
        <source>Stopping after the file at hand…</source>
        <translation>当前文件完成后停止…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/importing.py" line="172"/>
        <source>already imported</source>
        <translation>已导入过</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/importing.py" line="174"/>
        <source>refused: {reason}</source>
        <translation>拒绝：{reason}</translation>
    </message>
</context>
<context>
    <name>IntakeScreen</name>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="79"/>
        <source>Donor (Ctrl+D)</source>
        <translation>捐赠人（Ctrl+D）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="81"/>
        <source>Name or credit code of a registered donor</source>
        <translation>已登记捐赠人的姓名或信用代码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="83"/>
        <source>Anonymous (F6)</source>
        <translation>匿名（F6）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="84"/>
        <source>New donor… (F7)</source>
        <translation>新捐赠人…（F7）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="110"/>
        <source>Remove line (Del)</source>
        <translation>删除此行（Del）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="111"/>
        <source>Enter: change · 1 2 3: choose · Esc: back to scanning</source>
        <translation>Enter 修改 · 1 2 3 选择 · Esc 回到扫码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="123"/>
        <source>Cash given (F8)</source>
        <translation>捐款（F8）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="129"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="129"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="130"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="130"/>
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="131"/>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="133"/>
        <source>Donor wants a receipt</source>
        <translation>需要收据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="135"/>
        <source>Wishes</source>
        <translation>捐赠意愿</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="138"/>
        <location filename="../../charity_pos/ui/intake/view.py" line="236"/>
        <location filename="../../charity_pos/ui/intake/view.py" line="244"/>
        <location filename="../../charity_pos/ui/intake/view.py" line="444"/>
        <source>e.g. for elderly households</source>
        <translation>例如：给独居老人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="153"/>
        <location filename="../../charity_pos/ui/intake/view.py" line="431"/>
        <source>Clear form</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="154"/>
        <source>Save (Ctrl+S / F10)</source>
        <translation>保存（Ctrl+S / F10）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="190"/>
        <source>Donations in</source>
        <translation>捐赠登记</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="193"/>
        <source>Donations in: Ctrl+D donor, F6 anonymous, F7 new donor, Ctrl+F scan, Ctrl+N new item, Del remove line, F8 cash, Ctrl+S or F10 save</source>
        <translation>捐赠登记：Ctrl+D 捐赠人，F6 匿名，F7 新捐赠人，Ctrl+F 扫码，Ctrl+N 新商品，Del 删除行，F8 捐款，Ctrl+S 或 F10 保存</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="252"/>
        <source>No donor chosen yet: find one, F6 for anonymous, F7 for a new donor.</source>
        <translation>还没选捐赠人：查找已登记的，F6 匿名，F7 新捐赠人。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="255"/>
        <source>Anonymous donor</source>
        <translation>匿名捐赠人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="257"/>
        <source>Person</source>
        <translation>个人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="257"/>
        <source>Company</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="258"/>
        <location filename="../../charity_pos/ui/intake/view.py" line="259"/>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="263"/>
        <source>wishes: {wishes}</source>
        <translation>意愿：{wishes}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="265"/>
        <source>does not want a receipt</source>
        <translation>不要收据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="286"/>
        <source>Unknown barcode</source>
        <translation>未知条码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="287"/>
        <source>No item has barcode {barcode}. Add it to the catalog now?</source>
        <translation>没有商品使用条码 {barcode}。现在加入商品目录吗？</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="294"/>
        <source>Added: {name} × {quantity}</source>
        <translation>已添加：{name} × {quantity}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="337"/>
        <source>Removed: {name}</source>
        <translation>已删除：{name}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="353"/>
        <source>Total {amount}</source>
        <translation>合计 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="355"/>
        <source>{lines}, {units}</source>
        <translation>{lines}，{units}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/intake/view.py" line="355"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/intake/view.py" line="356"/>
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="358"/>
        <source> ({count} not valued)</source>
        <translation>（{count} 行未估价）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="360"/>
        <source> · goods {goods} + cash {cash}</source>
        <translation> · 物品 {goods} + 捐款 {cash}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="380"/>
        <source>Who is giving?</source>
        <translation>捐赠人是谁？</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="381"/>
        <source>Choose the donor first, or press F6 for an anonymous donor.</source>
        <translation>请先选择捐赠人；匿名捐赠请按 F6。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="392"/>
        <source>{name} (best before {date})</source>
        <translation>{name}（保质期至 {date}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="397"/>
        <source>Saved {number}</source>
        <translation>已保存 {number}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="401"/>
        <source>Less than six months left, put out first: {items}</source>
        <translation>保质期不足半年，请优先上架：{items}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="402"/>
        <source>food</source>
        <translation>食品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="426"/>
        <source>Donation not saved</source>
        <translation>捐赠未保存</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="427"/>
        <source>The donation being entered is not saved. Leave without saving it?</source>
        <translation>正在登记的捐赠还没有保存。不保存就离开吗？</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/view.py" line="431"/>
        <source>Clear this donation without saving it?</source>
        <translation>不保存，清空这笔捐赠吗？</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="39"/>
        <source>Edit item</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="39"/>
        <source>New item</source>
        <translation>新增商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="53"/>
        <source>Scan the maker&apos;s barcode, or leave empty for an in-store code</source>
        <translation>扫描商品原有条码，留空则自动生成店内码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="57"/>
        <source>market price of the same goods</source>
        <translation>同类商品的市场价格</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="59"/>
        <source>Donated</source>
        <translation>捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="59"/>
        <source>Purchased</source>
        <translation>采购</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="60"/>
        <source>Consigned</source>
        <translation>代销</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="62"/>
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="64"/>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="65"/>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="66"/>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="67"/>
        <source>&amp;Barcode</source>
        <translation>条码(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="68"/>
        <source>Sale &amp;price (¥)</source>
        <translation>售价(&amp;P)（元）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="69"/>
        <source>&amp;Reference price (¥)</source>
        <translation>参考价(&amp;R)（元）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="70"/>
        <source>&amp;Source</source>
        <translation>来源(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="78"/>
        <source>Changing a price or taking an item off sale needs a manager&apos;s approval.</source>
        <translation>修改价格或停售商品需要店长批准。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="83"/>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="85"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="117"/>
        <source>The price is above the market reference price.</source>
        <translation>售价高于市场参考价。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="156"/>
        <source>Check the price</source>
        <translation>请核对价格</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="157"/>
        <source>Saved, but the price is above the market reference price.</source>
        <translation>已保存，但售价高于市场参考价。</translation>
    </message>
</context>
<context>
    <name>ItemTableModel</name>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="26"/>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="26"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="26"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="26"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="27"/>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="27"/>
        <source>Reference</source>
        <translation>参考价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="27"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="27"/>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="28"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="22"/>
        <source>Donated</source>
        <extracomment>Columns of words that narrow, elided, when the window is short of room (the name takes the rest).</extracomment>
        <translation>捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="22"/>
        <source>Purchased</source>
        <translation>采购</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="23"/>
        <source>Consigned</source>
        <translation>代销</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="45"/>
        <source>The price is above the market reference price.</source>
        <translation>售价高于市场参考价。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="65"/>
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="65"/>
        <source>Off sale</source>
        <translation>停售</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="25"/>
        <source>Labels for {number}</source>
        <translation>{number} 的标签</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="30"/>
        <source>A4 sheet, 3 × 8 labels</source>
        <translation>A4 标签纸（3 × 8）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="31"/>
        <source>Thermal label 40 × 30 mm</source>
        <translation>热敏标签 40 × 30 毫米</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="32"/>
        <source>One label per unit</source>
        <translation>每件一张</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="34"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="41"/>
        <source>Print (Enter)</source>
        <translation>打印（Enter）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="43"/>
        <source>Save as PDF (Ctrl+S)</source>
        <translation>存为 PDF（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="45"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="59"/>
        <source>%n label(s)</source>
        <translation>
            <numerusform>共 %n 张标签</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LimitsGrid</name>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="104"/>
        <source>Item limits per period</source>
        <translation>每期物品限量</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="106"/>
        <source>Goods category</source>
        <translation>商品类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="106"/>
        <source>Units, one person</source>
        <translation>单人件数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="107"/>
        <source>Units, each extra member</source>
        <translation>每多一人加</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="103"/>
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="103"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="103"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="103"/>
        <source>Condition</source>
        <translation>成色</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="104"/>
        <source>Valued by</source>
        <translation>估价方式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="104"/>
        <source>Unit value</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="104"/>
        <source>Best before</source>
        <translation>保质期至</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="104"/>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="97"/>
        <source>New</source>
        <extracomment>An edit was refused; carries the PosError to show.</extracomment>
        <translation>全新</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="97"/>
        <source>As new</source>
        <translation>九成新</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="98"/>
        <source>Good used</source>
        <translation>完好旧物</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="99"/>
        <source>Invoice</source>
        <translation>按发票</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="99"/>
        <source>Market price</source>
        <translation>按市场价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="100"/>
        <source>Not valued</source>
        <translation>未估价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="200"/>
        <source>needed</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="232"/>
        <source>Food needs its best-before date, e.g. 2026-09-30.</source>
        <translation>食品要填保质期，例如 2026-09-30。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="234"/>
        <source>Past its best-before date: it will be refused.</source>
        <translation>已过保质期，不能接收。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="236"/>
        <source>Less than six months left.</source>
        <translation>保质期不足半年。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/model.py" line="238"/>
        <source>Type the value of one unit, or choose “Not valued”.</source>
        <translation>请填写单价，或选“未估价”。</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <location filename="../../charity_pos/ui/login_form.py" line="50"/>
        <source>&amp;User</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login_form.py" line="51"/>
        <source>&amp;PIN</source>
        <translation>PIN 码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login_form.py" line="58"/>
        <source>Log in (Enter)</source>
        <translation>登录（Enter）</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="101"/>
        <source>TRAINING · charity-pos: log in</source>
        <translation>【培训】charity-pos：登录</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="102"/>
        <source>charity-pos: log in</source>
        <translation>charity-pos：登录</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="117"/>
        <source>Store {code} · {district}</source>
        <translation>门店 {code} · {district}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="149"/>
        <source>Leave training (back to the live store)</source>
        <translation>退出培训（返回正式门店）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="166"/>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="166"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="196"/>
        <source>Training mode: choose how to start training below.</source>
        <translation>培训模式：请在下方选择如何开始培训。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="113"/>
        <source>charity-pos · {store}</source>
        <extracomment>The navigation takes at most this share of the window&apos;s width. The theme&apos;s item padding (``QListWidget#navigation::item``), left and right, and the list&apos;s own padding.</extracomment>
        <translation>charity-pos · {store}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="115"/>
        <source>TRAINING · charity-pos · {store}</source>
        <translation>【培训】charity-pos · {store}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="234"/>
        <source>&amp;System</source>
        <translation>系统(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="235"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="239"/>
        <source>&amp;Counter limits…</source>
        <translation>收银限额(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="241"/>
        <source>&amp;Log out</source>
        <translation>注销(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="245"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="248"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="249"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="252"/>
        <source>&amp;About charity-pos</source>
        <translation>关于 charity-pos(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="254"/>
        <source>About charity-pos</source>
        <translation>关于 charity-pos</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="255"/>
        <source>charity-pos {version}: point of sale for community charity supermarkets.</source>
        <translation>charity-pos {version}：社区慈善超市收银系统。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="292"/>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="292"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="294"/>
        <source>Store: {store} ({code})   User: {user}   Role: {role}   Date: {date}</source>
        <translation>门店：{store}（{code}）   用户：{user}   角色：{role}   日期：{date}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="310"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="320"/>
        <source>F1: this list</source>
        <translation>F1：本列表</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="320"/>
        <source>Ctrl+L: log out</source>
        <translation>Ctrl+L：注销</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="320"/>
        <source>Ctrl+Q: quit</source>
        <translation>Ctrl+Q：退出</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="321"/>
        <source>Ctrl+,: settings</source>
        <translation>Ctrl+,：设置</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="327"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="346"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>ModeChoice</name>
    <message>
        <location filename="../../charity_pos/ui/training.py" line="81"/>
        <source>&amp;Live business</source>
        <translation>正式营业(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/training.py" line="82"/>
        <source>&amp;Training mode</source>
        <translation>培训模式(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/training.py" line="93"/>
        <source>A manager&apos;s PIN starts training. Trainees then log in to the training copy with their own PIN; nothing reaches the live store.</source>
        <translation>培训须由店长输入 PIN 开始。学员随后用自己的 PIN 登录培训副本；培训数据不会进入正式门店。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/training.py" line="98"/>
        <source>Continue the training copy</source>
        <translation>继续使用现有培训副本</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/training.py" line="99"/>
        <source>Fresh copy of this store</source>
        <translation>从本店数据新建培训副本</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/training.py" line="100"/>
        <source>Fresh copy of the demo store</source>
        <translation>从演示数据新建培训副本</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/training.py" line="106"/>
        <source>Making the training copy…</source>
        <translation>正在制作培训副本…</translation>
    </message>
</context>
<context>
    <name>NewDonorDialog</name>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="135"/>
        <source>New donor</source>
        <translation>新捐赠人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="140"/>
        <source>Person</source>
        <translation>个人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="141"/>
        <source>Company or organisation</source>
        <translation>企业或单位</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="142"/>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="147"/>
        <source>optional; shown masked</source>
        <translation>可不填；显示时隐去中间几位</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="150"/>
        <source>18 characters, e.g. 91310000132200821H</source>
        <translation>18 位，例如 91310000132200821H</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="153"/>
        <source>e.g. for elderly households</source>
        <translation>例如：给独居老人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="154"/>
        <source>May be named in public notices</source>
        <translation>同意在公示中具名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="155"/>
        <source>Does not want a receipt</source>
        <translation>不要收据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="156"/>
        <source>Donor type</source>
        <translation>捐赠人类型</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="157"/>
        <source>Name</source>
        <translation>姓名/名称</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="158"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="159"/>
        <source>Credit code</source>
        <translation>信用代码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="160"/>
        <source>Wishes</source>
        <translation>捐赠意愿</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="170"/>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/donor.py" line="172"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
</context>
<context>
    <name>NewHouseholdDialog</name>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="62"/>
        <source>New household</source>
        <extracomment>How long the whole ID number stays on the screen before it closes by itself.</extracomment>
        <translation>新建困难家庭</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="69"/>
        <source>as printed on the relief card, e.g. JA000123</source>
        <translation>与帮困卡上印的一致，例如 JA000123</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="74"/>
        <source>18 characters; kept encrypted, shown masked</source>
        <translation>18 位；加密保存，显示时打码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="84"/>
        <source>the certificate&apos;s reference, e.g. 静民救〔2026〕012号</source>
        <translation>认定文书编号，例如 静民救〔2026〕012号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="87"/>
        <source>Separate written consent given (PIPL art. 29)</source>
        <translation>已单独书面同意（个人信息保护法第 29 条）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="89"/>
        <source>&amp;Card number</source>
        <translation>帮困卡号(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="90"/>
        <source>Head of household&apos;s &amp;name</source>
        <translation>户主姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="91"/>
        <source>&amp;ID number</source>
        <translation>身份证号(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="92"/>
        <source>&amp;Members</source>
        <translation>家庭人数(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="93"/>
        <source>Categor&amp;y</source>
        <translation>救助类别(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="94"/>
        <source>Certified by (&amp;sub-district)</source>
        <translation>认定街道(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="95"/>
        <source>Certificate &amp;reference</source>
        <translation>认定文书编号(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="96"/>
        <source>Valid &amp;from</source>
        <translation>有效期起(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="97"/>
        <source>Valid &amp;to</source>
        <translation>有效期至(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="98"/>
        <source>Head of household&apos;s consent</source>
        <translation>户主同意</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="99"/>
        <source>Consent recorded &amp;on</source>
        <translation>同意日期(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="117"/>
        <source>Record the household&apos;s consent first: PIPL asks for it before keeping these details.</source>
        <translation>请先记录户主的单独同意：按《个人信息保护法》，保存这些信息前须取得同意。</translation>
    </message>
</context>
<context>
    <name>NewPinDialog</name>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="60"/>
        <source>New PIN for {user}</source>
        <translation>为 {user} 设置新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="63"/>
        <source>New PIN</source>
        <translation>新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="64"/>
        <source>PIN again</source>
        <translation>再次输入 PIN 码</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="38"/>
        <source>New account</source>
        <translation>新建账号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="42"/>
        <source>letters and digits, e.g. wangli</source>
        <translation>字母和数字，例如 wangli</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="45"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="46"/>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="47"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="48"/>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="49"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="50"/>
        <source>PIN (4-12 digits)</source>
        <translation>PIN 码（4-12 位数字）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="51"/>
        <source>PIN again</source>
        <translation>再次输入 PIN 码</translation>
    </message>
</context>
<context>
    <name>NoSaleDialog</name>
    <message>
        <location filename="../../charity_pos/ui/sales/dialogs.py" line="117"/>
        <source>Open the cash drawer</source>
        <translation>开钱箱</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/dialogs.py" line="117"/>
        <source>Why open the drawer without a sale? (logged)</source>
        <translation>无销售开钱箱的原因（将记入日志）：</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="65"/>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="68"/>
        <source>Open a shift at till {till}: count the cash float put in the drawer.</source>
        <translation>在收银台 {till} 开班：清点放入钱箱的备用金。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="76"/>
        <source>Cash float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="80"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/shift.py" line="81"/>
        <source>Open shift (Enter)</source>
        <translation>开班（Enter）</translation>
    </message>
</context>
<context>
    <name>Papers</name>
    <message>
        <location filename="../../charity_pos/ui/donations/papers.py" line="83"/>
        <source>receipt-{number}.pdf</source>
        <extracomment>Paper of each label template, in points, offered in the print dialog. What issuing or reprinting a receipt changed (Changes). the label sheets, made off the UI thread</extracomment>
        <translation>捐赠收据-{number}.pdf</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/papers.py" line="110"/>
        <source>Making the labels of {number}…</source>
        <translation>正在制作 {number} 的标签…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/papers.py" line="113"/>
        <source>labels-{number}.pdf</source>
        <translation>标签-{number}.pdf</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="78"/>
        <source>Cash</source>
        <extracomment>After the sale is made, Enter closes the dialog only after this long, so a key pressed twice leaves the change on the screen. In the cash and amount fields, this many digits or more are a scan, not an amount. What was last sent to the service. how a yes/no question is asked; a test replaces it (no modal loop)</extracomment>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="78"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="79"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="79"/>
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="80"/>
        <source>Store voucher</source>
        <translation>储值券</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="81"/>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="97"/>
        <source>To pay {amount}</source>
        <translation>应收 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="106"/>
        <source>Cash received (F1)</source>
        <translation>现金实收（F1）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="111"/>
        <source>Exact (F2)</source>
        <translation>足额（F2）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="112"/>
        <source>¥50 (F3)</source>
        <translation>¥50（F3）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="113"/>
        <source>¥100 (F4)</source>
        <translation>¥100（F4）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="125"/>
        <source>{method} ({key})</source>
        <translation>{method}（{key}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="129"/>
        <source>Other ways</source>
        <translation>其他方式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="138"/>
        <source>Add (Ins)</source>
        <translation>加入（Ins）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="168"/>
        <source>Remove last payment (Ctrl+D)</source>
        <translation>撤销上一笔（Ctrl+D）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="169"/>
        <source>Back to the ticket (Esc)</source>
        <translation>返回（Esc）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="170"/>
        <source>Complete sale (Enter)</source>
        <translation>确认收款（Enter）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="192"/>
        <source>Paid</source>
        <translation>已收款</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="207"/>
        <source>Print slip (Ctrl+P)</source>
        <translation>打印小票（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="208"/>
        <source>Next customer (Enter)</source>
        <translation>下一位顾客（Enter）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="248"/>
        <source>Voucher value</source>
        <translation>券面金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="248"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="249"/>
        <source>Voucher number</source>
        <translation>储值券号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="250"/>
        <source>Reference number of the payment</source>
        <translation>支付流水号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="298"/>
        <source>Scan the customer&apos;s WeChat Pay or Alipay payment code at any time.</source>
        <translation>可随时扫描顾客的微信支付或支付宝付款码。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="327"/>
        <source>{method} payment code {mask}: Enter takes it.</source>
        <translation>{method}付款码 {mask}：按回车收款。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="340"/>
        <source>Payment code</source>
        <translation>付款码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="341"/>
        <source>Does the customer&apos;s phone show the payment succeeded?</source>
        <translation>顾客手机已显示支付成功？</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="343"/>
        <source>Yes, paid (Enter)</source>
        <translation>是，已支付（回车）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="344"/>
        <source>No (Esc)</source>
        <translation>否（Esc）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="379"/>
        <source>Received {amount}</source>
        <translation>实收 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="381"/>
        <source>Still due {amount}</source>
        <translation>还差 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="383"/>
        <location filename="../../charity_pos/ui/sales/payment.py" line="451"/>
        <source>Change {amount}</source>
        <translation>找零 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="426"/>
        <source>Not completed: the customer&apos;s phone does not show the payment.</source>
        <translation>未完成：顾客手机未显示支付成功。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="450"/>
        <source>Sale {number}</source>
        <translation>销售单号 {number}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="452"/>
        <source>Total {total} · paid by {methods}</source>
        <translation>合计 {total} · 支付方式：{methods}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="454"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="468"/>
        <source>Slip printed.</source>
        <translation>小票已打印。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="469"/>
        <source>Slip printed again (reprint {count}).</source>
        <translation>小票已重打（第 {count} 次）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/payment.py" line="471"/>
        <source>Print again (Ctrl+P)</source>
        <translation>重打小票（Ctrl+P）</translation>
    </message>
</context>
<context>
    <name>PdfOutput</name>
    <message>
        <location filename="../../charity_pos/ui/printing.py" line="180"/>
        <source>Save as PDF</source>
        <extracomment>Rasterising above this many dots per inch only costs memory. Writes a PDF to the path it is given. Returns False when it decided not to (the user cancelled a step, or an error was already shown). It may ask for a manager&apos;s approval first, so it shows its own busy cursor (``busy``). the files a PDF is never saved over (the open store&apos;s: ``store_output``)</extracomment>
        <translation>存为 PDF</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/printing.py" line="180"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/printing.py" line="185"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
</context>
<context>
    <name>QuotaRulesDialog</name>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="152"/>
        <location filename="../../charity_pos/ui/households/rules.py" line="268"/>
        <location filename="../../charity_pos/ui/households/rules.py" line="318"/>
        <source>Quota rules</source>
        <translation>配额规则</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="155"/>
        <source>What a household may take free each period, by its category. The value grows with the household&apos;s size; top-ups count in their months only.</source>
        <translation>按救助类别规定每户每期可免费领取的额度。额度随家庭人数增加；节日补助只在所选月份计入。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="176"/>
        <source>e.g. 1,10: the Spring Festival and National Day months</source>
        <translation>例如 1,10：春节和国庆所在的月份</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="239"/>
        <source>Enforce: past the allowance a manager approves with a reason</source>
        <translation>严格执行：超出额度须店长批准并说明原因</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="237"/>
        <source>Warn: the cashier is warned and the override is logged</source>
        <translation>仅提醒：提醒收银员，超额记入日志</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="186"/>
        <source>&amp;Period</source>
        <translation>周期(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="187"/>
        <source>Value for &amp;one person</source>
        <translation>单人额度(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="188"/>
        <source>&amp;Each extra member adds</source>
        <translation>每多一人增加(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="189"/>
        <source>Festival &amp;top-up</source>
        <translation>节日补助(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="190"/>
        <source>Top-up &amp;months</source>
        <translation>补助月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="191"/>
        <source>Past the &amp;allowance</source>
        <translation>超出额度时(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="209"/>
        <source>Save this rule (Ctrl+S)</source>
        <translation>保存此规则 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="268"/>
        <source>Drop the changes to the rule for {category}?</source>
        <translation>放弃对{category}规则的修改吗？</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="277"/>
        <source>Rule for {category}</source>
        <translation>{category}的规则</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="312"/>
        <source>Saved the rule for {category}.</source>
        <translation>已保存{category}的规则。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="318"/>
        <source>Close without saving the rule for {category}?</source>
        <translation>不保存{category}的规则就关闭吗？</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../charity_pos/ui/reason.py" line="77"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reason.py" line="84"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
</context>
<context>
    <name>ReasonField</name>
    <message>
        <location filename="../../charity_pos/ui/reason.py" line="42"/>
        <source>Why, in a few words</source>
        <translation>简要说明原因</translation>
    </message>
</context>
<context>
    <name>RecallDialog</name>
    <message>
        <location filename="../../charity_pos/ui/sales/dialogs.py" line="84"/>
        <source>Recall a parked ticket</source>
        <translation>取单</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/dialogs.py" line="90"/>
        <source>{time}  {user}  ·  {summary}</source>
        <translation>{time}  {user}  ·  {summary}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/dialogs.py" line="98"/>
        <source>Recall (Enter)</source>
        <translation>取单（Enter）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/dialogs.py" line="99"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
</context>
<context>
    <name>ReceiptCheckScreen</name>
    <message>
        <location filename="../../charity_pos/hub_ui/receipts.py" line="54"/>
        <source>Verify a receipt</source>
        <translation>核验收据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/receipts.py" line="57"/>
        <source>Scan the QR code at the top left of a donation receipt (or type its text and press Enter), or open a photo, scan or PDF of the receipt.</source>
        <translation>扫描捐赠收据左上角的二维码（或输入二维码内容后按回车），或打开收据的照片、扫描件或 PDF。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/receipts.py" line="68"/>
        <source>Check</source>
        <translation>核验</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/receipts.py" line="70"/>
        <source>Open picture or PDF… (Ctrl+O)</source>
        <translation>打开图片或 PDF…（Ctrl+O）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/receipts.py" line="78"/>
        <source>Waiting for a receipt.</source>
        <translation>等待扫描收据。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/receipts.py" line="102"/>
        <source>A photo, scan or PDF of the receipt</source>
        <translation>收据的照片、扫描件或 PDF</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/receipts.py" line="103"/>
        <source>Pictures and PDF (*.png *.jpg *.jpeg *.pdf)</source>
        <translation>图片和 PDF (*.png *.jpg *.jpeg *.pdf)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/receipts.py" line="120"/>
        <source>Scanned: {text}</source>
        <translation>已扫描：{text}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/receipts.py" line="125"/>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/receipts.py" line="136"/>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
</context>
<context>
    <name>Receipts</name>
    <message>
        <location filename="../../charity_pos/messages.py" line="788"/>
        <source>GENUINE: receipt {number} of {store} ({code}) is in the store&apos;s journal at the hub, as printed.</source>
        <translation>真实：{store}（{code}）的收据 {number} 与区平台所存该店账本一致。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="790"/>
        <source>GENUINE: receipt {number} is signed by {store} ({code}); checked offline, without the store&apos;s journal.</source>
        <translation>真实：收据 {number} 由{store}（{code}）签名；离线核验，未比对门店账本。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="793"/>
        <source>GENUINE BUT VOIDED: receipt {number} of {store} ({code}) was voided on {voided}.</source>
        <translation>真实但已作废：{store}（{code}）的收据 {number} 已于 {voided} 作废。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="795"/>
        <source>GENUINE BUT NOT YET IMPORTED: receipt {number} is signed by {store} ({code}), but the hub has no bundle with it yet.</source>
        <translation>真实但尚未导入：收据 {number} 由{store}（{code}）签名，但区平台尚未收到含该收据的数据包。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="798"/>
        <source>FORGED: no store {code} is registered in the district.</source>
        <translation>伪造：本区没有登记编码为 {code} 的门店。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="799"/>
        <source>FORGED: the signature is not store {code}&apos;s: this receipt was not printed by the store as shown.</source>
        <translation>伪造：签名不属于门店 {code}，这张收据并非该店按所示内容开具。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="801"/>
        <source>FORGED: the amount {claimed} differs from the store&apos;s journal ({journal}).</source>
        <translation>伪造：金额 {claimed} 与门店账本（{journal}）不符。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="803"/>
        <source>FORGED: the date {claimed} differs from the store&apos;s journal ({journal}).</source>
        <translation>伪造：日期 {claimed} 与门店账本（{journal}）不符。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="805"/>
        <source>FORGED: receipt {number} is signed with an earlier key of store {code}, retired on {retired}, but dated {claimed}, after that day: the store no longer had that key.</source>
        <translation>伪造：收据 {number} 使用门店 {code} 的旧密钥签名，该密钥已于 {retired} 停用，而收据日期为 {claimed}，晚于停用日：门店当时已不再持有该密钥。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="808"/>
        <source>OLDER RECEIPT WITHOUT SIGNATURE: receipt {number} of {code} was printed before receipts were signed; its QR code alone cannot prove it genuine.</source>
        <translation>旧版收据，无签名：门店 {code} 的收据 {number} 开具于收据签名启用之前，仅凭二维码无法证明其真实。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="811"/>
        <source>UNKNOWN STORE: store {code} is not in the keys file (published {published}): get the district&apos;s latest keys file.</source>
        <translation>门店未知：公钥文件（{published} 发布）中没有门店 {code}，请向区里获取最新的公钥文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="816"/>
        <source>The store&apos;s journal at the hub holds it with the same verification code, amount and date.</source>
        <translation>区平台所存门店账本中有这张收据，校验码、金额和日期一致。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="818"/>
        <source>The store&apos;s journal at the hub holds this number with another verification code, amount or date: ask the store.</source>
        <translation>区平台所存门店账本中该号码的校验码、金额或日期不同：请向门店核实。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="821"/>
        <source>The store&apos;s journal at the hub does not hold it (yet).</source>
        <translation>区平台所存门店账本中（暂）无这张收据。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="822"/>
        <source>No store of this code is registered in the district.</source>
        <translation>本区没有登记该编码的门店。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="825"/>
        <location filename="../../charity_pos/hub_ui/receipts.py" line="150"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="826"/>
        <source>Receipt</source>
        <translation>收据号码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="827"/>
        <source>Date</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="828"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="829"/>
        <source>Donation</source>
        <translation>捐赠编号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="830"/>
        <source>Donor</source>
        <translation>捐赠人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="831"/>
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="832"/>
        <source>Cash</source>
        <translation>现金捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="833"/>
        <source>Voided on</source>
        <translation>作废日期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="834"/>
        <source>The hub holds</source>
        <translation>区平台已有</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="835"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="836"/>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="838"/>
        <source>an earlier key of the store, in use until {retired}</source>
        <translation>门店的旧密钥，使用至 {retired}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="839"/>
        <source>the store&apos;s events up to #{seq}, last bundle {at}</source>
        <translation>该店第 {seq} 号以前的账本记录，最近数据包 {at}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="840"/>
        <source>no bundle of this store yet</source>
        <translation>尚未收到该店的数据包</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="841"/>
        <source>{name} × {quantity} {unit} (not valued)</source>
        <translation>{name} × {quantity} {unit}（未估价）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="842"/>
        <source>{name} × {quantity} {unit} at {price}</source>
        <translation>{name} × {quantity} {unit}，单价 {price}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="843"/>
        <source>{value} (on the receipt)</source>
        <translation>{value}（收据所载）</translation>
    </message>
</context>
<context>
    <name>RegistryModel</name>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="29"/>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="29"/>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="29"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="29"/>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="29"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="30"/>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="30"/>
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="30"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="37"/>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="37"/>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="37"/>
        <source>Lapsed</source>
        <translation>已失效</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="38"/>
        <source>Personal data erased</source>
        <translation>个人信息已删除</translation>
    </message>
</context>
<context>
    <name>RegistryScreen</name>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="55"/>
        <source>District registry</source>
        <translation>区级困难家庭登记册</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="61"/>
        <source>Search card number, sub-district or name</source>
        <translation>搜索卡号、街道或姓名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="67"/>
        <source>Import spreadsheet…</source>
        <translation>导入表格…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="87"/>
        <source>Choose the sub-district&apos;s list</source>
        <translation>选择街道的名单</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="88"/>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="105"/>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/registry.py" line="118"/>
        <source>%n household(s) imported, {rejected} rejected.</source>
        <translation>
            <numerusform>已导入 %n 户，退回 {rejected} 户。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="120"/>
        <source>Rows to correct written to {path}.</source>
        <translation>需更正的行已写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/registry.py" line="127"/>
        <source>Row {row} ({household}): {reasons}</source>
        <translation>第 {row} 行（{household}）：{reasons}</translation>
    </message>
</context>
<context>
    <name>ReportLanguage</name>
    <message>
        <location filename="../../charity_pos/ui/words.py" line="13"/>
        <source>en</source>
        <translation>zh_CN</translation>
    </message>
</context>
<context>
    <name>ReportingModel</name>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="60"/>
        <source>on time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="60"/>
        <source>late</source>
        <translation>迟报</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="60"/>
        <source>missing</source>
        <translation>未报</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="61"/>
        <source>not yet due</source>
        <translation>未到期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="61"/>
        <source>not expected (registered later)</source>
        <translation>不应报（之后才登记）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="76"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="78"/>
        <source>Days since last bundle</source>
        <translation>未同步天数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="100"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/reporting.py" line="101"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/reporting.py" line="127"/>
        <source>%n event(s), the last at {at}</source>
        <translation>
            <numerusform>%n 条记录，最后一条在 {at}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/reporting.py" line="129"/>
        <source>reached the hub {at} (%n bundle(s))</source>
        <translation>
            <numerusform>{at} 送达数据中心（%n 个数据包）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="145"/>
        <source>Reporting rate</source>
        <translation>上报率</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="145"/>
        <source>On-time rate</source>
        <translation>按时率</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="145"/>
        <source>Stores expected</source>
        <translation>应报门店数</translation>
    </message>
</context>
<context>
    <name>ReportingScreen</name>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="206"/>
        <source>Reporting status</source>
        <translation>上报情况</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="211"/>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="213"/>
        <source>YYYY-MM</source>
        <translation>年-月</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="217"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="219"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="221"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="240"/>
        <source>✓ on time · ! late · ✗ missing · · not yet due · – not expected (registered later); the number is the month&apos;s events. A month&apos;s events are due at the hub by the end of the 5th of the next month (Shanghai time). Click a cell for the store&apos;s month.</source>
        <translation>✓ 按时 · ! 迟报 · ✗ 未报 · · 未到期 · – 不应报（之后才登记）；数字为当月记录条数。每月的记录应在次月 5 日结束前（上海时间）送达数据中心。点击单元格查看该门店当月详情。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="266"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="284"/>
        <source>Silent for more than 7 days: {stores}</source>
        <translation>超过 7 天未同步：{stores}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="290"/>
        <source>No store is registered at this hub yet.</source>
        <translation>本数据中心尚未登记门店。</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="126"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="128"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="132"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="133"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="134"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="135"/>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="141"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="145"/>
        <source>All origins</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="148"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="149"/>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="150"/>
        <source>Show (Enter)</source>
        <translation>显示 (Enter)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="161"/>
        <source>Choose a ledger, set the days and press Enter.</source>
        <translation>选择台账，设置日期，按 Enter 显示。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="191"/>
        <source>Excel (Ctrl+E)</source>
        <translation>Excel (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="192"/>
        <source>PDF (Ctrl+P)</source>
        <translation>PDF (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="193"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="194"/>
        <source>Record use of donated cash… (Ctrl+U)</source>
        <translation>记录善款使用… (Ctrl+U)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="195"/>
        <source>Export:</source>
        <translation>导出：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="217"/>
        <source>Ledgers &amp; reports</source>
        <translation>台账与报表</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="220"/>
        <source>Ledgers &amp; reports: Enter show, Ctrl+E Excel, Ctrl+P PDF, Ctrl+U record use of donated cash</source>
        <translation>台账与报表：Enter 显示，Ctrl+E 导出 Excel，Ctrl+P 导出 PDF，Ctrl+U 记录善款使用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="300"/>
        <source>Building the report…</source>
        <translation>正在生成报表……</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="324"/>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="326"/>
        <source>{title} · {store} · {period}</source>
        <translation>{title} · {store} · {period}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="390"/>
        <location filename="../../charity_pos/ui/reports/view.py" line="391"/>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}……</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="394"/>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/reports/view.py" line="402"/>
        <source>Use {number} recorded.</source>
        <translation>已记录善款使用 {number}。</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="57"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="57"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="57"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="58"/>
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="58"/>
        <source>Store voucher</source>
        <translation>储值券</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="59"/>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="73"/>
        <source>Sale number</source>
        <translation>销售单号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="76"/>
        <source>Scan the barcode on the slip, or type the sale number</source>
        <translation>扫描小票上的条码，或输入销售单号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="87"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="87"/>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="87"/>
        <source>Returned before</source>
        <translation>已退</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="88"/>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="88"/>
        <source>Coming back</source>
        <translation>本次退货</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="88"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="102"/>
        <source>e.g. wrong size, faulty</source>
        <translation>例如：尺码不合适、有质量问题</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="103"/>
        <source>Reason (Alt+R)</source>
        <translation>原因（Alt+R）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="109"/>
        <source>Money goes back the way it was paid.</source>
        <translation>退款按原支付方式退回。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="123"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="124"/>
        <source>Take back (F12)</source>
        <translation>确认退货（F12）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="152"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="154"/>
        <source>Sale {number} · {time} · cashier {cashier} · total {total} · {paid}</source>
        <translation>销售单 {number} · {time} · 收银员 {cashier} · 合计 {total} · {paid}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="182"/>
        <source>Everything of sale {number} has come back already.</source>
        <translation>销售单 {number} 的商品已全部退回。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="231"/>
        <source>Refund {amount}</source>
        <translation>退款 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="257"/>
        <source>Scan the slip or type the sale number first.</source>
        <translation>请先扫描小票或输入销售单号。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="262"/>
        <source>Say how many of which goods come back.</source>
        <translation>请填写哪些商品退回几件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="274"/>
        <source>Not approved: nothing was taken back.</source>
        <translation>未获店长批准：没有退货。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="295"/>
        <source>Print return slip (Ctrl+P)</source>
        <translation>打印退货单（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="296"/>
        <source>Done (Enter)</source>
        <translation>完成（Enter）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="310"/>
        <source>Return {number} for sale {sale}</source>
        <translation>退货单 {number}（原销售单 {sale}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="312"/>
        <source>Give back: {refunds}</source>
        <translation>退给顾客：{refunds}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/returns.py" line="323"/>
        <source>Return slip printed.</source>
        <translation>退货单已打印。</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="188"/>
        <source>Whole ID number</source>
        <translation>完整身份证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="191"/>
        <source>Card {card}, {name}</source>
        <translation>卡 {card}，{name}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/households/dialogs.py" line="198"/>
        <source>Seeing this number was written to the audit log. It closes by itself after %n second(s).</source>
        <translation>
            <numerusform>本次查看已记入审计日志。此窗口 %n 秒后自动关闭。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="52"/>
        <source>Household category</source>
        <translation>救助类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="52"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="52"/>
        <source>One person</source>
        <translation>单人额度</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="52"/>
        <source>Each extra member</source>
        <translation>每多一人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="53"/>
        <source>Festival top-up</source>
        <translation>节日补助</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="53"/>
        <source>Top-up months</source>
        <translation>补助月份</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="53"/>
        <source>Mode</source>
        <translation>超额处理</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="53"/>
        <source>Item limits</source>
        <translation>物品限量</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="73"/>
        <source>, </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="78"/>
        <source>{category} {base} (+{per} per extra member)</source>
        <translation>{category} {base}（每多一人 +{per}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/rules.py" line="80"/>
        <source>{category} {base}</source>
        <translation>{category} {base}</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="81"/>
        <source>Pay (F12)</source>
        <translation>结账（F12）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="83"/>
        <source>To pay</source>
        <translation>应收</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="97"/>
        <source>Quantity (F6)</source>
        <translation>数量（F6）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="98"/>
        <source>Price (F7)</source>
        <translation>改价（F7）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="99"/>
        <source>Line discount (F8)</source>
        <translation>单品折扣（F8）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="100"/>
        <source>Ticket discount (F10)</source>
        <translation>整单折扣（F10）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="101"/>
        <source>Remove line (Del)</source>
        <translation>删除此行（Del）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="102"/>
        <source>Find item (Ctrl+F)</source>
        <translation>查找商品（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="103"/>
        <source>Park (F11)</source>
        <translation>挂单（F11）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="105"/>
        <source>Cancel ticket (Ctrl+Del)</source>
        <translation>取消整单（Ctrl+Del）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="106"/>
        <source>Return (Ctrl+R)</source>
        <translation>退货（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="107"/>
        <source>Shift&apos;s sales (Ctrl+J)</source>
        <translation>本班销售（Ctrl+J）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="109"/>
        <source>No sale (Ctrl+O)</source>
        <translation>开钱箱（Ctrl+O）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="134"/>
        <source>Sale</source>
        <translation>收银</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="137"/>
        <source>Sale: scan or type and Enter, 3* for three, F6 quantity, F7 price, F8 line discount, F10 ticket discount, Del remove line, Ctrl+Del cancel ticket, Ctrl+F find item, F11 park, Shift+F11 recall, F12 pay, Ctrl+R return, Ctrl+J shift&apos;s sales, Ctrl+T open or close the shift, Ctrl+O open the cash drawer without a sale</source>
        <translation>收银：扫码或输入后按 Enter，3* 表示三件，F6 数量，F7 改价，F8 单品折扣，F10 整单折扣，Del 删除此行，Ctrl+Del 取消整单，Ctrl+F 查找商品，F11 挂单，Shift+F11 取单，F12 结账，Ctrl+R 退货，Ctrl+J 本班销售，Ctrl+T 开班或交班，Ctrl+O 无销售开钱箱</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="171"/>
        <source>Till {till}: no shift open. Ctrl+T opens one with its cash float.</source>
        <translation>收银台 {till} 未开班。按 Ctrl+T 开班并登记备用金。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="173"/>
        <source>Open shift (Ctrl+T)</source>
        <translation>开班（Ctrl+T）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="176"/>
        <source>Shift {number} · till {till} · opened by {user}</source>
        <translation>班次 {number} · 收银台 {till} · {user} 开班</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="178"/>
        <source>Close shift (Ctrl+T)</source>
        <translation>交班（Ctrl+T）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="183"/>
        <source>Recall (Shift+F11)</source>
        <translation>取单（Shift+F11）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="188"/>
        <source>Nothing to cancel.</source>
        <translation>没有可取消的单。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="191"/>
        <source>Cancel ticket</source>
        <translation>取消整单</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="192"/>
        <source>Cancel this ticket ({summary}) without selling? It is logged.</source>
        <translation>取消这一单（{summary}），不结账？此操作会记录在案。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="202"/>
        <source>Ticket cancelled.</source>
        <translation>整单已取消。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="208"/>
        <source>Nothing to park.</source>
        <translation>没有可挂的单。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="218"/>
        <source>Ticket parked. Shift+F11 recalls it.</source>
        <translation>已挂单。按 Shift+F11 取单。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="229"/>
        <location filename="../../charity_pos/ui/sales/view.py" line="323"/>
        <source>Pay, park or cancel this ticket first.</source>
        <translation>请先结账、挂单或取消当前这一单。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="233"/>
        <source>No parked tickets at this till.</source>
        <translation>本收银台没有挂起的单。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="258"/>
        <source>Ticket recalled without: {reasons}</source>
        <translation>已取单，但以下商品未能恢复：{reasons}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="261"/>
        <source>Ticket recalled: {summary}</source>
        <translation>已取单：{summary}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/sales/view.py" line="271"/>
        <source>Brought over to pay for: %n line(s).</source>
        <translation>
            <numerusform>已转入付费购买：%n 行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="277"/>
        <source>Nothing to pay yet: scan the goods first.</source>
        <translation>还没有可结账的商品：请先扫码。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="292"/>
        <source>Last sale {number}
total {total}, change {change}</source>
        <translation>上一单 {number}
合计 {total}，找零 {change}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="294"/>
        <source>Paid: sale {number}.</source>
        <translation>收款完成：销售单号 {number}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="303"/>
        <source>No shift open</source>
        <translation>未开班</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="304"/>
        <source>No shift is open at till {till}. Open one now with its cash float?</source>
        <translation>收银台 {till} 还没有开班。现在开班并登记备用金吗？</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="380"/>
        <source>No cash drawer at this till: choose an ESC/POS printer with a drawer in Settings.</source>
        <translation>本收银台未接钱箱：请在设置中选择接有钱箱的 ESC/POS 打印机。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/view.py" line="394"/>
        <source>Cash drawer opened without a sale; logged with the reason.</source>
        <translation>已无销售开钱箱，原因已记入日志。</translation>
    </message>
</context>
<context>
    <name>SalesModel</name>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="45"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="45"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="45"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="46"/>
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="46"/>
        <source>Store voucher</source>
        <translation>储值券</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="49"/>
        <source>Sale number</source>
        <translation>销售单号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="49"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="49"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="49"/>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="49"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="50"/>
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="50"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="66"/>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="68"/>
        <source>Returned {amount}</source>
        <translation>已退货 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="69"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>SavedDialog</name>
    <message>
        <location filename="../../charity_pos/ui/intake/saved.py" line="17"/>
        <source>Donation saved</source>
        <translation>捐赠已保存</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/saved.py" line="20"/>
        <source>Donation number {number}</source>
        <translation>捐赠编号 {number}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/saved.py" line="32"/>
        <source>Print receipt (P)</source>
        <translation>打印收据（P）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/saved.py" line="35"/>
        <source>Labels (L)</source>
        <translation>打印标签（L）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/saved.py" line="38"/>
        <source>Next donor (Enter)</source>
        <translation>下一位（Enter）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/saved.py" line="54"/>
        <source>Receipt printed</source>
        <translation>收据已打印</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/intake/saved.py" line="59"/>
        <source>Labels printed</source>
        <translation>标签已打印</translation>
    </message>
</context>
<context>
    <name>ScanEntry</name>
    <message>
        <location filename="../../charity_pos/ui/sales/scan.py" line="75"/>
        <source>Goods (Ctrl+F)</source>
        <extracomment>The letter of sale numbers (PT01-2026-S000123), printed on the slip as a barcode. What is typed as a value for a key (a quantity, an amount, a percentage), not searched for. Something to add: (Scanned, quantity). ``n*`` and Enter with nothing after: the current line&apos;s quantity. ↑ / ↓ with no list of matches open: move through the ticket&apos;s lines. Del in the empty field: remove the current line. Ctrl+Del: cancel the whole ticket. A sales slip&apos;s barcode (the sale number) scanned here: a return.</extracomment>
        <translation>商品（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/scan.py" line="78"/>
        <source>Scan a barcode, or type a name or pinyin initials; 3* for three</source>
        <translation>扫描条码，或输入品名、拼音首字母；3* 表示三件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/scan.py" line="165"/>
        <source>{name}  ·  {unit}  ·  {price}  ·  {on_hand} on hand</source>
        <translation>{name}  ·  {unit}  ·  {price}  ·  库存 {on_hand}</translation>
    </message>
</context>
<context>
    <name>ScanField</name>
    <message>
        <location filename="../../charity_pos/ui/scan_field.py" line="152"/>
        <source>Nothing found for “{text}”.</source>
        <translation>没有找到“{text}”。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/scan_field.py" line="171"/>
        <source>Enter adds the first; ↓ to choose another.</source>
        <translation>按 Enter 添加第一项，按 ↓ 选择其他。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="51"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="61"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="62"/>
        <source>Text size (points)</source>
        <translation>字号（磅）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="65"/>
        <source>Counter</source>
        <translation>收银</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="69"/>
        <source>Each PC that sells is its own till; a till has one open shift at a time.</source>
        <translation>每台收银电脑是一个收银台；一个收银台同时只能有一个未交班的班次。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="71"/>
        <source>Ask each time</source>
        <translation>每次询问</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="75"/>
        <source>{name} (not found)</source>
        <translation>{name}（未找到）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="79"/>
        <source>80 mm</source>
        <translation>80 毫米</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="80"/>
        <source>58 mm</source>
        <translation>58 毫米</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="82"/>
        <source>Print the slip by itself after each sale</source>
        <translation>每笔结账后自动打印小票</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="84"/>
        <source>Till</source>
        <translation>收银台</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="85"/>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="86"/>
        <source>Slip paper</source>
        <translation>小票纸宽</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="105"/>
        <source>Changes take effect the next time charity-pos starts.</source>
        <translation>更改在下次启动 charity-pos 时生效。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="115"/>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="120"/>
        <source>None</source>
        <translation>不使用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="121"/>
        <source>Second screen</source>
        <translation>第二块屏幕</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="122"/>
        <source>Pole display (serial port)</source>
        <translation>客显屏（串口）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="127"/>
        <source>{name} ({width}×{height})</source>
        <translation>{name}（{width}×{height}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="130"/>
        <source>{name} (not connected)</source>
        <translation>{name}（未连接）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="134"/>
        <source>COM3 or /dev/ttyUSB0</source>
        <translation>COM3 或 /dev/ttyUSB0</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="143"/>
        <source>Show the customer</source>
        <translation>顾客显示</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="144"/>
        <source>Screen</source>
        <translation>屏幕</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="145"/>
        <location filename="../../charity_pos/ui/settings.py" line="262"/>
        <location filename="../../charity_pos/ui/settings.py" line="297"/>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="146"/>
        <location filename="../../charity_pos/ui/settings.py" line="298"/>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="167"/>
        <source>Choose the screen the customer display goes on.</source>
        <translation>请选择顾客显示屏所在的屏幕。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="169"/>
        <source>Type the pole display&apos;s serial port, such as COM3 or /dev/ttyUSB0.</source>
        <translation>请填写客显屏的串口，例如 COM3 或 /dev/ttyUSB0。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="171"/>
        <source>“{port}” is not a serial port name such as COM3 or /dev/ttyUSB0.</source>
        <translation>“{port}”不是串口名称，应类似 COM3 或 /dev/ttyUSB0。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="172"/>
        <source>Choose a baud rate from the list.</source>
        <translation>请从列表中选择波特率。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="175"/>
        <source>{screen} is the cashier&apos;s own screen: the customer display goes on a second screen.</source>
        <translation>{screen} 是收银员自己的屏幕：顾客显示屏应放在第二块屏幕上。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="183"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="189"/>
        <source>A USB disk or a network folder; empty: the backups folder beside the store&apos;s data.</source>
        <translation>U 盘或网络文件夹；留空：数据文件夹中的 backups 文件夹。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="191"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="196"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="199"/>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="200"/>
        <source>weeks</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="201"/>
        <source>months</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="208"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="212"/>
        <source>The store&apos;s key file is in no backup: keep a copy of it apart from the backups (“charity-pos backup-key” writes one protected by a passphrase). Without it a restored store cannot show ID numbers nor be checked.</source>
        <translation>门店密钥文件不在任何备份中：请另存一份，与备份分开保管（“charity-pos backup-key”可写出受口令保护的副本）。没有它，恢复的门店无法显示身份证号，也无法校验。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="219"/>
        <location filename="../../charity_pos/ui/settings.py" line="242"/>
        <source>Only a manager changes where backups go.</source>
        <translation>只有店长可以更改备份位置。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="227"/>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="253"/>
        <source>Receipt printer and cash drawer</source>
        <translation>小票打印机与钱箱</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="256"/>
        <source>Through the printer driver, or a PDF</source>
        <translation>通过打印机驱动或 PDF</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="257"/>
        <source>ESC/POS receipt printer</source>
        <translation>ESC/POS 小票打印机（可开钱箱）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="283"/>
        <source>Plugged into this printer</source>
        <translation>接在此打印机上</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="260"/>
        <source>Network (port 9100)</source>
        <translation>网络（端口 9100）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="261"/>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="264"/>
        <source>Windows printer (raw)</source>
        <translation>Windows 打印机（原始数据）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="286"/>
        <source>Pin 2</source>
        <translation>2 号引脚</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="287"/>
        <source>Pin 5</source>
        <translation>5 号引脚</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="289"/>
        <source>Test print</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="291"/>
        <source>Slips and reports</source>
        <translation>小票与报表</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="292"/>
        <source>Connection</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="293"/>
        <source>Printer address</source>
        <translation>打印机地址</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="294"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="295"/>
        <source>USB vendor ID</source>
        <translation>USB 厂商 ID</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="296"/>
        <source>USB product ID</source>
        <translation>USB 产品 ID</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="299"/>
        <source>Windows printer</source>
        <translation>Windows 打印机</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="303"/>
        <source>Cash drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="392"/>
        <source>Test page sent to {printer}.</source>
        <translation>测试页已发送到 {printer}。</translation>
    </message>
</context>
<context>
    <name>ShiftSalesDialog</name>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="121"/>
        <source>This shift&apos;s sales</source>
        <extracomment>What voids changed, for the screens to refresh.</extracomment>
        <translation>本班销售</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="134"/>
        <source>Reprint slip (Ctrl+P)</source>
        <translation>重打小票（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="135"/>
        <source>Void sale (Ctrl+Del)</source>
        <translation>作废（Ctrl+Del）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="136"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="153"/>
        <source>No shift is open at till {till}: the latest sales.</source>
        <translation>收银台 {till} 未开班：以下为最近的销售。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="156"/>
        <source>Shift {number} at till {till}</source>
        <translation>收银台 {till} 班次 {number}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="185"/>
        <source>Slip of {number} printed again (reprint {count}).</source>
        <translation>{number} 的小票已重打（第 {count} 次）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="194"/>
        <source>Sale {number} is already void.</source>
        <translation>销售单 {number} 已作废。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="204"/>
        <source>Not approved: sale {number} stands.</source>
        <translation>未获店长批准：销售单 {number} 未作废。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="211"/>
        <source>Sale {number} voided: give {total} back the way it was paid.</source>
        <translation>销售单 {number} 已作废：请按原支付方式退还 {total}。</translation>
    </message>
</context>
<context>
    <name>SlipPrinter</name>
    <message>
        <location filename="../../charity_pos/ui/sales/slip_printer.py" line="181"/>
        <source>{kind}-report-{number}.pdf</source>
        <extracomment>The paper offered in the print dialog before the slip&apos;s own length is known.</extracomment>
        <translation>{kind}报表-{number}.pdf</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="59"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="59"/>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="59"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="60"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="54"/>
        <source>Find by user name, name or its pinyin (Ctrl+F)</source>
        <translation>按用户名、姓名或拼音查找（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="70"/>
        <source>New account (Ctrl+N)</source>
        <translation>新账号（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="71"/>
        <source>Unlock (Ctrl+U)</source>
        <translation>解锁（Ctrl+U）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="72"/>
        <source>New PIN (Ctrl+P)</source>
        <translation>新 PIN 码（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="73"/>
        <source>Switch off / on (Del)</source>
        <translation>停用 / 启用（Del）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="74"/>
        <source>Del in the list, or Ctrl+T anywhere on this screen</source>
        <translation>在列表中按 Del，或在本屏任意处按 Ctrl+T</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="75"/>
        <source>Cashier / manager (Ctrl+R)</source>
        <translation>收银员 / 店长（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="91"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="94"/>
        <source>Staff: Ctrl+F find, Ctrl+N new account, Ctrl+U unlock, Ctrl+P new PIN, Del or Ctrl+T switch off or on, Ctrl+R cashier or manager</source>
        <translation>员工：Ctrl+F 查找，Ctrl+N 新账号，Ctrl+U 解锁，Ctrl+P 新 PIN 码，Del 或 Ctrl+T 停用或启用，Ctrl+R 收银员或店长</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="121"/>
        <source>Switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="123"/>
        <source>Locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="125"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="126"/>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="126"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="175"/>
        <source>Switch off</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="176"/>
        <source>Switch off {user}? They can no longer log in until switched on again.</source>
        <translation>停用 {user}？停用后不能登录，直到重新启用。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="186"/>
        <source>Make {user} a cashier? They can then approve nothing, and must log in again.</source>
        <translation>将 {user} 改为收银员？改后不能再批准任何操作，并须重新登录。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="188"/>
        <source>Make {user} a manager? They can then approve at the counter, and must log in again.</source>
        <translation>将 {user} 改为店长？改后可在收银台批准操作，并须重新登录。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="189"/>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
</context>
<context>
    <name>StoreMonthDialog</name>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="162"/>
        <source>{code} · {month}</source>
        <translation>{code} · {month}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="168"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="169"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="170"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="171"/>
        <source>Due at the hub by</source>
        <translation>应送达时间</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="172"/>
        <source>Events</source>
        <translation>记录条数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="173"/>
        <source>Last event</source>
        <translation>最后一条记录</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="174"/>
        <source>Reached the hub</source>
        <translation>送达数据中心</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="176"/>
        <source>Events by kind</source>
        <translation>按类型的记录</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="183"/>
        <source>No event of this month is at the hub.</source>
        <translation>数据中心没有该月的记录。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="185"/>
        <source>Bundles that carried them</source>
        <translation>带来这些记录的数据包</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/reporting.py" line="188"/>
        <source>{name}: imported {at}, events #{first}-#{last}</source>
        <translation>{name}：{at} 导入，记录 #{first}-#{last}</translation>
    </message>
</context>
<context>
    <name>StoresModel</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="50"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="50"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="50"/>
        <source>Last bundle</source>
        <translation>最近数据包</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="50"/>
        <source>Last event</source>
        <translation>最近事件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="50"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="61"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="65"/>
        <source>#{seq} at {at}</source>
        <translation>#{seq}（{at}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="67"/>
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/stores.py" line="69"/>
        <source>Not synced for %n day(s)</source>
        <translation>
            <numerusform>已 %n 天未同步</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="70"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>StoresScreen</name>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="83"/>
        <source>Stores</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="94"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="96"/>
        <source>Write downstream bundles for every store…</source>
        <translation>为所有门店生成下发数据包…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="115"/>
        <source>Not synced for 7 days or never: {stores}</source>
        <translation>7 天以上未同步或从未同步：{stores}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="121"/>
        <source>Folder for the downstream bundles</source>
        <translation>下发数据包的文件夹</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="151"/>
        <source>Writing downstream bundles…</source>
        <translation>正在生成下发数据包…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub_ui/stores.py" line="163"/>
        <source>{code}: not written: {reason}</source>
        <translation>{code}：未生成：{reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/stores.py" line="167"/>
        <source>{code}: #{sequence}, %n household(s) → {path}</source>
        <translation>
            <numerusform>{code}：#{sequence}，%n 户 → {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/hub_ui/stores.py" line="174"/>
        <source>%n store(s) done.</source>
        <translation>
            <numerusform>已完成 %n 个门店。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuspendDialog</name>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="145"/>
        <source>Suspend card {card}</source>
        <translation>暂停卡 {card}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="148"/>
        <source>Card {card} ({name}) will be refused at the counter with this reason until a manager puts it back in use.</source>
        <translation>在店长恢复使用之前，卡 {card}（{name}）在收银台将被拒绝，并显示此原因。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="156"/>
        <source>Eligibility under review</source>
        <translation>资格复核中</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="156"/>
        <source>Card reported lost</source>
        <translation>卡已挂失</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="157"/>
        <source>Household moved away</source>
        <translation>已迁出本街道</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/households/dialogs.py" line="165"/>
        <source>Suspend</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>TicketEditor</name>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="87"/>
        <source>{name} × {quantity} added, but the books show {on_hand} on hand: check the shelf.</source>
        <translation>已加入 {name} × {quantity}，但账面库存为 {on_hand}：请核对货架。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="91"/>
        <source>{name} × {quantity}  {amount}</source>
        <translation>{name} × {quantity}  {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="106"/>
        <location filename="../../charity_pos/ui/sales/lines.py" line="185"/>
        <source>Ticket discount {amount}</source>
        <translation>整单优惠 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="108"/>
        <source>Saved {amount}</source>
        <translation>共优惠 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="111"/>
        <source>Ticket discount {amount} removed: more than the ticket now comes to</source>
        <translation>整单优惠 {amount} 已取消：超过了整单现在的金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="68"/>
        <source>No line yet: scan the goods first.</source>
        <translation>还没有商品：请先扫码。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="69"/>
        <source>Type a name or its pinyin initials (dm for 大米), then Enter or ↓.</source>
        <translation>输入品名或拼音首字母（dm 即大米），再按 Enter 或 ↓。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="70"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="70"/>
        <source>Quantity of {name}</source>
        <translation>{name} 的数量</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="71"/>
        <source>A whole number, e.g. 3. Or type 3* and Enter in the scan field.</source>
        <translation>请输入整数，例如 3。也可以在扫码框输入 3* 再按 Enter。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="72"/>
        <source>Removed: {name}</source>
        <translation>已删除：{name}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="103"/>
        <source>{lines}, {units}</source>
        <translation>{lines}，{units}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/sales/lines.py" line="103"/>
        <location filename="../../charity_pos/ui/sales/lines.py" line="245"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/sales/lines.py" line="104"/>
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="123"/>
        <source>{name}: quantity {quantity}</source>
        <translation>{name}：数量 {quantity}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="130"/>
        <source>Change price</source>
        <translation>改价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="130"/>
        <source>Unit price of {name}</source>
        <translation>{name} 的单价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="131"/>
        <source>Catalog price {price}; empty goes back to it. Beyond the limit a manager approves.</source>
        <translation>目录价 {price}；留空即恢复目录价。超出限额需店长批准。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="141"/>
        <source>{name}: price {price}</source>
        <translation>{name}：单价 {price}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="148"/>
        <source>Line discount</source>
        <translation>单品折扣</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="148"/>
        <source>Discount on {name}</source>
        <translation>{name} 的折扣</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="149"/>
        <source>An amount (2.50) or a share (10%) of the line. Beyond the limit a manager approves.</source>
        <translation>输入金额（如 2.50）或比例（如 10%）。超出限额需店长批准。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="159"/>
        <source>{name}: discount {amount}</source>
        <translation>{name}：优惠 {amount}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="166"/>
        <source>Ticket discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="166"/>
        <source>Discount on the whole ticket</source>
        <translation>整单优惠金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="167"/>
        <source>An amount (5) or a share (10%) of the ticket. Beyond the limit a manager approves.</source>
        <translation>输入金额（如 5）或比例（如 10%）。超出限额需店长批准。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="192"/>
        <source>Not approved: the price stays as it was.</source>
        <translation>未获批准：价格保持不变。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/lines.py" line="244"/>
        <source>{lines}, {total}: {names}</source>
        <translation>{lines}，{total}：{names}</translation>
    </message>
</context>
<context>
    <name>TicketModel</name>
    <message>
        <location filename="../../charity_pos/ui/sales/model.py" line="86"/>
        <source>Donated</source>
        <translation>捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/model.py" line="86"/>
        <source>Purchased</source>
        <translation>采购</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/model.py" line="87"/>
        <source>Consigned</source>
        <translation>代售</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/model.py" line="90"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/model.py" line="90"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/model.py" line="90"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/model.py" line="90"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/model.py" line="90"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/model.py" line="91"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/model.py" line="195"/>
        <source>Catalog price {price}</source>
        <translation>目录价 {price}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/model.py" line="197"/>
        <source>{on_hand} on hand by the books</source>
        <translation>账面库存 {on_hand}</translation>
    </message>
</context>
<context>
    <name>TraceModel</name>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="20"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="20"/>
        <source>What happened</source>
        <translation>经过</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="20"/>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="20"/>
        <source>Goods</source>
        <translation>物品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="20"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="21"/>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="21"/>
        <source>Price / value</source>
        <translation>售价 / 价值</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="21"/>
        <source>Donor or card</source>
        <translation>捐赠人或卡号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="25"/>
        <source>Received</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="25"/>
        <source>Found at a count</source>
        <translation>盘盈</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="26"/>
        <source>Sold before received</source>
        <translation>未入库先售出</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="26"/>
        <source>Sold</source>
        <translation>售出</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="27"/>
        <source>Sale voided</source>
        <translation>销售作废</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="27"/>
        <source>Returned</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="27"/>
        <source>Handed out</source>
        <translation>发放</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="28"/>
        <source>Written off</source>
        <translation>报损</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="28"/>
        <source>Counted missing</source>
        <translation>盘亏</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="29"/>
        <source>Moved</source>
        <translation>变动</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="29"/>
        <source>On the shelf</source>
        <translation>在架</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="32"/>
        <source>Count surplus</source>
        <translation>盘盈</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="37"/>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="39"/>
        <source>Card {card}</source>
        <translation>卡号 {card}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/model.py" line="41"/>
        <source>of sale {number}</source>
        <translation>原销售单 {number}</translation>
    </message>
    <message>
        <source>Written off: {reason}</source>
        <translation>报损：{reason}</translation>
    </message>
    <message>
        <source>Sent to another store</source>
        <translation>调往其他门店</translation>
    </message>
    <message>
        <source>To {store}</source>
        <translation>调往 {store}</translation>
    </message>
    <message>
        <source>From {origin}</source>
        <translation>来自 {origin}</translation>
    </message>
</context>
<context>
    <name>TraceScreen</name>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="37"/>
        <source>Scan a label, or type a barcode or a donation, receipt, sale or handout number, then Enter</source>
        <translation>扫描标签，或输入条码、捐赠/收据/销售/发放单号，然后按回车</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="49"/>
        <source>Received</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="49"/>
        <source>Sold</source>
        <translation>售出</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="50"/>
        <source>Handed out</source>
        <translation>发放</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="50"/>
        <source>Written off</source>
        <translation>报损</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="51"/>
        <source>Counted missing</source>
        <translation>盘亏</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="51"/>
        <source>On the shelf</source>
        <translation>在架</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="80"/>
        <source>Trace</source>
        <translation>追溯</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="83"/>
        <source>Trace: scan a label or type a number and press Enter; from the donations list, Ctrl+Enter traces the donation selected</source>
        <translation>追溯：扫描标签或输入单号后按回车；在捐赠记录中按 Ctrl+Enter 追溯所选捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="113"/>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="113"/>
        <source>Item (every lot)</source>
        <translation>商品（全部批次）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="113"/>
        <source>Donation</source>
        <translation>捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="114"/>
        <source>Receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="114"/>
        <source>Sale</source>
        <translation>销售单</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="114"/>
        <source>Return</source>
        <translation>退货单</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="115"/>
        <source>Handout</source>
        <translation>发放单</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="115"/>
        <source>Stock receipt</source>
        <translation>入库单</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="116"/>
        <source>Stock count</source>
        <translation>盘点单</translation>
    </message>
    <message numerus="yes">
        <location filename="../../charity_pos/ui/trace/view.py" line="128"/>
        <source>{kind} {code}: %n lot(s) of {goods}</source>
        <translation>
            <numerusform>{kind} {code}：%n 个批次，{goods}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="132"/>
        <source>Every unit is accounted for: received = sold + handed out + written off + counted missing + on the shelf.</source>
        <translation>每一件都有着落：接收 = 售出 + 发放 + 报损 + 盘亏 + 在架。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/trace/view.py" line="135"/>
        <source>These figures do not add up: ask the manager to run the store check (charity-pos verify).</source>
        <translation>这些数字对不上：请店长运行数据检查（charity-pos verify）。</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>调拨单</translation>
    </message>
    <message>
        <source>Sent to other stores</source>
        <translation>调往其他门店</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <location filename="../../charity_pos/ui/training.py" line="39"/>
        <source>TRAINING MODE — nothing here counts in the store&apos;s real accounts</source>
        <translation>培训模式 — 数据不计入正式账目</translation>
    </message>
</context>
<context>
    <name>ValueDialog</name>
    <message>
        <location filename="../../charity_pos/ui/sales/dialogs.py" line="68"/>
        <source>OK (Enter)</source>
        <translation>确定（Enter）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/dialogs.py" line="69"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="75"/>
        <source>Void receipt</source>
        <translation>作废收据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="78"/>
        <source>Receipt {number} will be marked void. Its number stays and is not used again.</source>
        <translation>收据 {number} 将标记为作废。编号保留，不再使用。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="85"/>
        <source>e.g. wrong donor name</source>
        <translation>例如：捐赠人姓名写错</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="92"/>
        <source>Void receipt (Enter)</source>
        <translation>作废（Enter）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/donations/dialogs.py" line="101"/>
        <source>Say why the receipt is voided.</source>
        <translation>请写明作废原因。</translation>
    </message>
</context>
<context>
    <name>VoidSaleDialog</name>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="83"/>
        <source>Void sale {number}</source>
        <translation>作废销售单 {number}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="86"/>
        <source>Sale {number} will be marked void: its goods go back on the shelf and its money out of the drawer.</source>
        <translation>销售单 {number} 将标记为作废：商品退回库存，货款退还顾客。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="93"/>
        <source>e.g. rung up twice</source>
        <translation>例如：重复收款</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/sales/recent.py" line="100"/>
        <source>Void sale (Enter)</source>
        <translation>作废（Enter）</translation>
    </message>
</context>
<context>
    <name>_PinPairDialog</name>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="30"/>
        <source>The two PINs differ.</source>
        <translation>两次输入的 PIN 码不一致。</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <location filename="../../charity_pos/cli.py" line="270"/>
        <location filename="../../charity_pos/cli.py" line="279"/>
        <location filename="../../charity_pos/cli.py" line="327"/>
        <location filename="../../charity_pos/cli.py" line="504"/>
        <location filename="../../charity_pos/ui/app.py" line="326"/>
        <location filename="../../charity_pos/hub_ui/app.py" line="67"/>
        <source>Error: </source>
        <extracomment>The commands whose parsers this module builds itself; the others&apos; come from their modules. ``verify``&apos;s exit when the check could not be run (its temporary folder cannot be written): not a failed check (1), so a script can tell &quot;try again once there is room&quot; from &quot;the store has a problem&quot;; 75 is EX_TEMPFAIL of the BSD sysexits (a temporary failure: try again later)
----------
the day&apos;s first backup starts this long after the log-in window is up</extracomment>
        <translation>错误：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="294"/>
        <source>Created store {code} in {path}. Log in as “manager” with the PIN you chose.</source>
        <translation>已在 {path} 创建门店 {code}。请用“manager”账号和您设定的 PIN 码登录。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="317"/>
        <source>Demo accounts: cashier (PIN 1111), manager (PIN 9999).</source>
        <translation>演示账号：cashier（PIN 1111），manager（PIN 9999）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="355"/>
        <source>OK: {events} journal events, {records} records agree; chain head {head}.</source>
        <translation>校验通过：{events} 条日志事件，{records} 条记录一致；链头 {head}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="350"/>
        <location filename="../../charity_pos/cli_backup.py" line="84"/>
        <source>FAILED: </source>
        <translation>校验失败：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="412"/>
        <source>Receipt {number} reprinted (reprint {count}) to {out}.</source>
        <translation>收据 {number} 已补打（第 {count} 次），保存到 {out}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="415"/>
        <source>Receipt {number} issued to {out}.</source>
        <translation>收据 {number} 已开具，保存到 {out}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="430"/>
        <source>{count} labels written to {out}.</source>
        <translation>{count} 张标签已写入 {out}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="451"/>
        <source>Slip of sale {number} written to {out}.</source>
        <translation>销售 {number} 的小票已写入 {out}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="464"/>
        <source>Personal data of {count} lapsed households erased.</source>
        <translation>已清除 {count} 户资格早已失效家庭的个人信息。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="479"/>
        <source>{file}: {total} rows, {good} good, {bad} to correct.</source>
        <translation>{file}：共 {total} 行，{good} 行无误，{bad} 行需更正。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="518"/>
        <source>Row {row} ({household}): {reasons}</source>
        <translation>第 {row} 行（{household}）：{reasons}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="483"/>
        <source>Dry run: nothing was imported or written.</source>
        <translation>仅检查：未导入任何家庭，也未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="296"/>
        <source>The store&apos;s key file is {key}. It is in no backup: keep a copy apart from the backups (charity-pos backup-key --db PATH --out FILE writes one protected by a passphrase); without it the store cannot be fully restored.</source>
        <translation>门店密钥文件位于 {key}。它不在任何备份中：请另行保存一份，与备份分开存放（charity-pos backup-key --db 路径 --out 文件 可写出一份受口令保护的副本）；没有它，门店数据无法完整恢复。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="353"/>
        <source>Also: </source>
        <translation>另外：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="358"/>
        <source>This file is a TRAINING store (培训模式): practice only, not the store&apos;s real business; it never sends or receives sync bundles.</source>
        <translation>此文件是培训门店（培训模式）：仅供练习，不是门店的正式业务；不能发送或接收同步数据包。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="361"/>
        <source>Note: this file is from an earlier version (schema {revision}) and has no seal yet: its authenticity was not checked. Open it once with this version to seal it.</source>
        <translation>注意：此文件来自较早的版本（结构 {revision}），尚无封签：未核验其真实性。请用本版本打开一次以加上封签。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="365"/>
        <source>Note: no key file ({path}): the seal was checked for consistency only, its authenticity was NOT checked. Give the store&apos;s key file with --key-file.</source>
        <translation>注意：未找到密钥文件（{path}）：只核对了封签的一致性，未核验其真实性。请用 --key-file 指定门店的密钥文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="408"/>
        <source>Receipt {number} is void; written marked 作废 to {out}.</source>
        <translation>收据 {number} 已作废，已标注作废保存到 {out}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="491"/>
        <source>Imported {count} households (journal event #{seq}).</source>
        <translation>已导入 {count} 户家庭（日志事件 #{seq}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="494"/>
        <source>No household was imported.</source>
        <translation>未导入任何家庭。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="502"/>
        <source>{count} rows to correct written to {out}.</source>
        <translation>{count} 行需更正的记录已写入 {out}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="527"/>
        <source>SQLite integrity check failed: {detail}</source>
        <translation>SQLite 完整性检查失败：{detail}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="528"/>
        <source>journal event #{seq} is out of sequence (expected #{expected})</source>
        <translation>日志事件 #{seq} 序号不连续（应为 #{expected}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="529"/>
        <source>journal event #{seq} does not link to the event before it</source>
        <translation>日志事件 #{seq} 与前一事件的链接不符</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="530"/>
        <source>journal event #{seq} was altered: its hash does not match</source>
        <translation>日志事件 #{seq} 被改动：哈希值不符</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="531"/>
        <source>journal event #{seq} cannot be read: {detail}</source>
        <translation>日志事件 #{seq} 无法读取：{detail}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="532"/>
        <source>record {table}/{record} written by journal event #{seq} is missing</source>
        <translation>日志事件 #{seq} 写入的记录 {table}/{record} 不见了</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="533"/>
        <source>record {table}/{record} is not in the journal</source>
        <translation>记录 {table}/{record} 不在日志中</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="534"/>
        <source>record {table}/{record}: {column} is {found} in the database but {expected} in journal event #{seq}</source>
        <translation>记录 {table}/{record}：{column} 在数据库中为 {found}，但日志事件 #{seq} 中为 {expected}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="536"/>
        <source>the database has a trigger {record} on {table} that charity-pos never makes</source>
        <translation>数据库中有 charity-pos 从不创建的触发器 {record}（在 {table} 上）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="538"/>
        <source>the database has a view {record} that charity-pos never makes</source>
        <translation>数据库中有 charity-pos 从不创建的视图 {record}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="539"/>
        <source>the database has a table {table} that charity-pos never makes</source>
        <translation>数据库中有 charity-pos 从不创建的表 {table}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="540"/>
        <source>the table {table} is missing from the database</source>
        <translation>数据库中缺少表 {table}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="541"/>
        <source>the column {table}.{column} is missing from the database</source>
        <translation>数据库中缺少列 {table}.{column}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="542"/>
        <source>the database has a column {table}.{column} that charity-pos never makes</source>
        <translation>数据库中有 charity-pos 从不创建的列 {table}.{column}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="543"/>
        <source>the file claims an earlier version&apos;s schema ({detail}), but its key file says it was sealed: it was set back by hand</source>
        <translation>文件自称是较早版本的结构（{detail}），但其密钥文件表明它已加封签：是被人为改回的</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="545"/>
        <source>the journal is empty: a store file always holds at least its first events</source>
        <translation>日志为空：门店数据文件至少应有最初的事件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="546"/>
        <source>the store&apos;s seal is missing: the file was emptied or rebuilt outside charity-pos</source>
        <translation>门店封签缺失：文件在 charity-pos 之外被清空或重建</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="547"/>
        <source>the store&apos;s seal was not written by this store&apos;s charity-pos (it does not verify with the store&apos;s key)</source>
        <translation>门店封签不是本店的 charity-pos 写入的（用门店密钥核验不通过）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="549"/>
        <source>events were removed from the end of the journal: it ends at #{found}, but the store had written #{expected}</source>
        <translation>日志末尾的事件被删除：日志止于 #{found}，但门店已写到 #{expected}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="551"/>
        <source>events were removed from the end of the journal: it ends at #{found}, but the store had already sent #{expected} to the district</source>
        <translation>日志末尾的事件被删除：日志止于 #{found}，但门店已把 #{expected} 报送区里</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="553"/>
        <source>the journal was rewritten after event #{expected} outside charity-pos (its last event is not the one the store sealed)</source>
        <translation>日志在事件 #{expected} 之后被 charity-pos 之外改写（最后一个事件不是门店封签的那个）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="555"/>
        <source>record {table}/{record}: {column} is stored as {found}, not in the form charity-pos writes</source>
        <translation>记录 {table}/{record}：{column} 存为 {found}，不是 charity-pos 写入的形式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="557"/>
        <source>audit log entry #{seq} is out of sequence (expected #{expected})</source>
        <translation>审计日志第 #{seq} 条顺序不对（应为 #{expected}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="558"/>
        <source>audit log entry #{seq} does not link to the entry before it</source>
        <translation>审计日志第 #{seq} 条与前一条接不上</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="559"/>
        <source>audit log entry #{seq} was altered: its hash does not match</source>
        <translation>审计日志第 #{seq} 条被改动：哈希不符</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="560"/>
        <source>the audit log ends at entry #{found}, but the store sealed it at #{expected}</source>
        <translation>审计日志止于第 #{found} 条，但门店封签时为第 #{expected} 条</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="561"/>
        <source>table {table} was changed outside charity-pos: it no longer matches the seal</source>
        <translation>表 {table} 在 charity-pos 之外被改动：与封签不符</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="562"/>
        <source>table {table} was changed outside charity-pos: its columns {detail} no longer match the seal</source>
        <translation>表 {table} 在 charity-pos 之外被改动：其列 {detail} 与封签不符</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="564"/>
        <source>document counter {table} of {record} stands at {found}, but the last document is number {expected}</source>
        <translation>单据计数器 {table}（{record} 年）为 {found}，但最后一张单据是第 {expected} 号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="566"/>
        <source>the units of {table} {record} do not add up: {expected} received, but the documents and stock movements account for {found} ({detail})</source>
        <translation>{table} {record} 的件数对不上：接收 {expected} 件，但单据和库存变动合计为 {found} 件（{detail}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="569"/>
        <source>document counter {table} of {record}: number {detail} is missing between the documents</source>
        <translation>单据计数器 {table}（{record} 年）：单据中缺少 {detail} 号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="576"/>
        <source>lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="578"/>
        <source>sold {sold}, handed out {handed}, written off {written}, counted missing {counted}, on the shelf {shelf}</source>
        <translation>售出 {sold}，发放 {handed}，报损 {written}，盘亏 {counted}，在架 {shelf}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="41"/>
        <source>donated</source>
        <translation>捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="41"/>
        <source>purchased</source>
        <translation>采购</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="42"/>
        <source>consigned</source>
        <translation>代销</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="46"/>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_bill.py" line="47"/>
        <location filename="../../charity_pos/cli_show.py" line="46"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_bill.py" line="47"/>
        <location filename="../../charity_pos/cli_show.py" line="47"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_bill.py" line="57"/>
        <source>{method} bill {file} ({days}): {added} lines imported, {already} already there.</source>
        <translation>{method}账单 {file}（{days}）：导入 {added} 行，已有 {already} 行。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_bill.py" line="89"/>
        <source>{day}: the bill shows {bill}, the counter took {counter} by phone.</source>
        <translation>{day}：对账单显示 {bill}，收银台收取手机支付 {counter}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_bill.py" line="91"/>
        <source>refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_bill.py" line="91"/>
        <source>payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_bill.py" line="96"/>
        <source>Matched ({count}):</source>
        <translation>已对上（{count}）：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_bill.py" line="100"/>
        <source>On the bill, no sale ({count}):</source>
        <translation>对账单有、无对应销售（{count}）：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_bill.py" line="103"/>
        <source>Sales and returns not on the bill ({count}):</source>
        <translation>销售和退货有、对账单无（{count}）：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="47"/>
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="48"/>
        <source>voucher</source>
        <translation>储值券</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="52"/>
        <source>active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="52"/>
        <source>suspended</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="53"/>
        <source>expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="65"/>
        <location filename="../../charity_pos/cli_show.py" line="164"/>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="115"/>
        <location filename="../../charity_pos/cli_trace.py" line="118"/>
        <location filename="../../charity_pos/cli_show.py" line="65"/>
        <location filename="../../charity_pos/cli_show.py" line="164"/>
        <location filename="../../charity_pos/cli_show.py" line="270"/>
        <location filename="../../charity_pos/cli_show.py" line="320"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="65"/>
        <location filename="../../charity_pos/cli_show.py" line="125"/>
        <location filename="../../charity_pos/cli_show.py" line="189"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="65"/>
        <location filename="../../charity_pos/cli_show.py" line="166"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="116"/>
        <location filename="../../charity_pos/cli_show.py" line="65"/>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="65"/>
        <source>Reference</source>
        <translation>参考价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="65"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="65"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="121"/>
        <location filename="../../charity_pos/cli_show.py" line="65"/>
        <location filename="../../charity_pos/cli_show.py" line="166"/>
        <location filename="../../charity_pos/cli_show.py" line="273"/>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="68"/>
        <location filename="../../charity_pos/cli_show.py" line="193"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="68"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="576"/>
        <location filename="../../charity_pos/cli_trace.py" line="55"/>
        <location filename="../../charity_pos/cli_show.py" line="162"/>
        <source>donation</source>
        <translation>捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="55"/>
        <location filename="../../charity_pos/cli_show.py" line="162"/>
        <source>purchase</source>
        <translation>采购</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="56"/>
        <location filename="../../charity_pos/cli_show.py" line="163"/>
        <source>stock count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="47"/>
        <location filename="../../charity_pos/cli_trace.py" line="56"/>
        <location filename="../../charity_pos/cli_show.py" line="163"/>
        <source>sold before received</source>
        <translation>先售后入库</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="46"/>
        <source>received</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="46"/>
        <source>found at a count</source>
        <translation>盘盈</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="47"/>
        <source>sold</source>
        <translation>售出</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="48"/>
        <source>sale voided</source>
        <translation>销售作废</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="48"/>
        <source>returned</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="49"/>
        <source>handed out</source>
        <translation>发放</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="49"/>
        <source>written off</source>
        <translation>报损</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="50"/>
        <source>counted missing</source>
        <translation>盘亏</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="50"/>
        <source>moved</source>
        <translation>变动</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="51"/>
        <source>on the shelf</source>
        <translation>在架</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="63"/>
        <source>card {card}</source>
        <translation>卡号 {card}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="102"/>
        <source>Trace of {code}: {lots} lots.</source>
        <translation>追溯 {code}：{lots} 个批次。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="109"/>
        <source>count surplus</source>
        <translation>盘盈</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="111"/>
        <source>of sale {number}</source>
        <translation>原销售单 {number}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="115"/>
        <location filename="../../charity_pos/cli_trace.py" line="118"/>
        <location filename="../../charity_pos/cli_show.py" line="270"/>
        <location filename="../../charity_pos/cli_show.py" line="320"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="116"/>
        <source>Who</source>
        <translation>捐赠人/卡号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="118"/>
        <location filename="../../charity_pos/cli_show.py" line="164"/>
        <location filename="../../charity_pos/cli_show.py" line="270"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="119"/>
        <location filename="../../charity_pos/cli_show.py" line="271"/>
        <source>Units received</source>
        <translation>接收件数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="119"/>
        <location filename="../../charity_pos/cli_show.py" line="272"/>
        <source>Sold</source>
        <translation>售出</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="120"/>
        <location filename="../../charity_pos/cli_show.py" line="272"/>
        <source>Handed out</source>
        <translation>发放</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="120"/>
        <location filename="../../charity_pos/cli_show.py" line="272"/>
        <source>Written off</source>
        <translation>报损</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="120"/>
        <location filename="../../charity_pos/cli_show.py" line="273"/>
        <source>Counted missing</source>
        <translation>盘亏</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="127"/>
        <source>Received {received} = sold {sold} + handed out {handed} + written off {written} + counted missing {counted} + on the shelf {shelf}.</source>
        <translation>接收 {received} = 售出 {sold} + 发放 {handed} + 报损 {written} + 盘亏 {counted} + 在架 {shelf}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="132"/>
        <source>These figures do not add up: run charity-pos verify.</source>
        <translation>这些数字对不上：请运行 charity-pos verify。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="151"/>
        <source>Donor statement for {year} written to {out}: {donations} donations, {units} units.</source>
        <translation>{year}年捐赠反馈函已写入 {out}：{donations} 笔捐赠，{units} 件物资。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="114"/>
        <location filename="../../charity_pos/cli_trace.py" line="119"/>
        <location filename="../../charity_pos/cli_show.py" line="165"/>
        <location filename="../../charity_pos/cli_show.py" line="271"/>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="165"/>
        <source>Best before</source>
        <translation>保质期至</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="165"/>
        <source>Received</source>
        <translation>入库日期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="209"/>
        <source>person</source>
        <translation>个人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="209"/>
        <source>company</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="61"/>
        <location filename="../../charity_pos/cli_show.py" line="210"/>
        <source>anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="188"/>
        <location filename="../../charity_pos/cli_show.py" line="219"/>
        <location filename="../../charity_pos/cli_show.py" line="245"/>
        <location filename="../../charity_pos/cli_show.py" line="297"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="219"/>
        <location filename="../../charity_pos/cli_show.py" line="271"/>
        <source>Donor</source>
        <translation>捐赠人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="189"/>
        <location filename="../../charity_pos/cli_show.py" line="220"/>
        <location filename="../../charity_pos/cli_show.py" line="246"/>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="115"/>
        <location filename="../../charity_pos/cli_show.py" line="189"/>
        <location filename="../../charity_pos/cli_show.py" line="220"/>
        <location filename="../../charity_pos/cli_show.py" line="246"/>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="190"/>
        <location filename="../../charity_pos/cli_show.py" line="220"/>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="221"/>
        <source>Receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="225"/>
        <location filename="../../charity_pos/cli_show.py" line="248"/>
        <source>(void)</source>
        <translation>（作废）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="245"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="246"/>
        <location filename="../../charity_pos/cli_show.py" line="298"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="247"/>
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="247"/>
        <source>Returned</source>
        <translation>已退货</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="297"/>
        <source>Till</source>
        <translation>收银台</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="297"/>
        <source>Opened</source>
        <translation>开班时间</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="298"/>
        <source>Closed</source>
        <translation>交班时间</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="298"/>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="299"/>
        <source>Cash expected</source>
        <translation>现金应有</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="299"/>
        <source>Cash counted</source>
        <translation>现金实点</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="302"/>
        <source>open</source>
        <translation>未交班</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="124"/>
        <location filename="../../charity_pos/cli_show.py" line="188"/>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="190"/>
        <source>Over allowance</source>
        <translation>超额</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="124"/>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="124"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="125"/>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="125"/>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="126"/>
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="126"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="320"/>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="321"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="323"/>
        <source>TRAINING store (培训, not real business)</source>
        <translation>培训门店（非正式营业）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="324"/>
        <source>live store</source>
        <translation>正式门店</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="144"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="114"/>
        <location filename="../../charity_pos/cli_show.py" line="144"/>
        <location filename="../../charity_pos/cli_show.py" line="188"/>
        <location filename="../../charity_pos/cli_show.py" line="219"/>
        <location filename="../../charity_pos/cli_show.py" line="245"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="311"/>
        <source>Demo store created in {path}: {items} items, {donations} donations from {donors} donors, {households} households, {sales} sales and {returns} returns in {shifts} shifts, {handouts} handouts, {events} journal events over {days} days.</source>
        <translation>演示门店已创建于 {path}：{items} 件商品，{donors} 位捐赠人的 {donations} 笔捐赠，{households} 户困难家庭，{shifts} 个班次中的 {sales} 笔销售和 {returns} 笔退货，{handouts} 次物资发放，{days} 天内 {events} 条日志事件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_trace.py" line="114"/>
        <location filename="../../charity_pos/cli_show.py" line="144"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="144"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_show.py" line="145"/>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="165"/>
        <source>{count} quota rules of the district set; the next downstream bundles carry them.</source>
        <translation>已设置区里的 {count} 条配额规则；之后下发的同步文件将带上这些规则。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="184"/>
        <source>Created the district hub of {district} in {url} (key {fingerprint}). Its private key is in {key}: back it up and keep it apart from the database.</source>
        <translation>已在 {url} 创建{district}的数据中心（密钥 {fingerprint}）。私钥保存在 {key}：请备份，并与数据库分开存放。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="194"/>
        <source>District staff account {username} created.</source>
        <translation>已创建区级工作人员账号 {username}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="204"/>
        <source>District staff account {username} ({name}) added.</source>
        <translation>已添加区级工作人员账号 {username}（{name}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="225"/>
        <source>Store {code} ({name}) now has the new key {fingerprint}; the change is logged at the hub. Give the store its trust file: {out}</source>
        <translation>门店 {code}（{name}）现已使用新密钥 {fingerprint}，此次更换已记录在区级数据中心。请把信任文件交给门店：{out}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="228"/>
        <source>Registered store {code} ({name}, key {fingerprint}). Give the store its trust file: {out}</source>
        <translation>已登记门店 {code}（{name}，密钥 {fingerprint}）。请把信任文件交给门店：{out}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="231"/>
        <source>Store {code} ({name}, key {fingerprint}) was registered before with this key. Give the store its trust file: {out}</source>
        <translation>门店 {code}（{name}，密钥 {fingerprint}）此前已用该密钥登记。请把信任文件交给门店：{out}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="234"/>
        <source>The trust file holds the district&apos;s matching key: hand it over like a key.</source>
        <translation>信任文件含有全区的匹配密钥：请像交接密钥一样妥善移交。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="249"/>
        <source>{imported} households imported into the district registry, {rejected} rejected.</source>
        <translation>已向全区登记册导入 {imported} 户，拒收 {rejected} 户。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="259"/>
        <source>{url}: the hub&apos;s schema is up to date ({revision}).</source>
        <translation>{url}：数据中心的数据库结构已是最新（{revision}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="262"/>
        <source>{url}: the hub&apos;s schema was upgraded from {before} to {after}.</source>
        <translation>{url}：数据中心的数据库结构已从 {before} 升级到 {after}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="283"/>
        <source>Wrote the journal of store {code}: events 1-{last} (the last at {at}), signed by the hub: {path}</source>
        <translation>已写出门店 {code} 的日志：事件 1-{last}（最后一条在 {at}），由区级数据中心签名：{path}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="91"/>
        <source>Store</source>
        <extracomment>the translation function of ``charity_pos.i18n`` (Qt&apos;s catalogs), given by the caller: this module stays Qt-free</extracomment>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="92"/>
        <source>Days silent</source>
        <translation>未同步天数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="98"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="106"/>
        <source>No store is registered at this hub yet.</source>
        <translation>本数据中心尚未登记门店。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="108"/>
        <source>Reporting rate</source>
        <translation>上报率</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="108"/>
        <source>On time</source>
        <translation>按时率</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="109"/>
        <source>Stores expected</source>
        <translation>应报门店数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="115"/>
        <source>✓ on time  ! late  ✗ missing  · not yet due  – not expected (registered later); * silent for more than 7 days. Events of a month are due at the hub by the end of the 5th of the next month (Shanghai time).</source>
        <translation>✓ 按时  ! 迟报  ✗ 未报  · 未到期  – 不应报（之后才登记）；* 超过 7 天未同步。每月的记录应在次月 5 日结束前（上海时间）送达数据中心。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="164"/>
        <source>The hub cannot judge yet: no household registry has been imported (charity-pos hub households import).</source>
        <translation>数据中心暂时无法判断：尚未导入救助家庭名册（charity-pos hub households import）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="167"/>
        <source>The hub cannot judge yet: the district has set no quota rules (charity-pos hub rules import); until then each store applies its own.</source>
        <translation>数据中心暂时无法判断：区里尚未设定额度规则（charity-pos hub rules import）；在此之前各门店按各自的规则执行。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="170"/>
        <source>No store has sent a handout yet: there is nothing to judge.</source>
        <translation>尚无门店送来发放记录：无从判断。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="146"/>
        <source>{code} (visits: {visits}, {value})</source>
        <translation>{code}（{visits} 人次，{value}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="148"/>
        <source>{card} {name} · {category}, household of {members} · {period}: allowance {allowance}, used {used} (visits: {visits}) at {stores}</source>
        <translation>{card} {name} · {category}，{members} 人户 · {period}：额度 {allowance}，已领 {used}（{visits} 人次），门店：{stores}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="154"/>
        <source>No household went past its allowance across stores.</source>
        <translation>没有家庭在各门店合计超出额度。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="178"/>
        <source>Not judged: {count} handouts whose store sent no household links (they cannot be put to a household).</source>
        <translation>未判断：{count} 笔发放所属门店未送来家庭对应关系（无法归到家庭）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="181"/>
        <source>Not judged: {count} households that are not in the district&apos;s registry.</source>
        <translation>未判断：{count} 户不在区救助家庭名册中。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_status.py" line="184"/>
        <source>Not judged: households of {categories}, for which the district has set no rule.</source>
        <translation>未判断：{categories}家庭，区里尚未为其设定规则。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="304"/>
        <source>applied {count} events of store {code} (#{first}-#{last})</source>
        <translation>已导入门店 {code} 的 {count} 个事件（#{first}-#{last}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="308"/>
        <source>already imported</source>
        <translation>此前已导入</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli.py" line="310"/>
        <source>refused: </source>
        <translation>拒绝导入：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/sync/cli.py" line="89"/>
        <source>This store now trusts the hub of {district} ({hub_id}, key {fingerprint}); journal event #{seq}.</source>
        <translation>本门店现已信任{district}的区级数据中心（{hub_id}，密钥 {fingerprint}）；日志事件 #{seq}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/sync/cli.py" line="93"/>
        <source>This store already trusts the hub of {district} ({hub_id}, key {fingerprint}); nothing changed.</source>
        <translation>本门店已信任{district}的区级数据中心（{hub_id}，密钥 {fingerprint}）；没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/sync/cli.py" line="106"/>
        <source>Nothing new to export: journal events up to #{seq} were exported already.</source>
        <translation>没有新内容可导出：日志事件 #{seq} 及之前的都已导出。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/sync/cli.py" line="121"/>
        <source>the district holds none of this store&apos;s data yet</source>
        <translation>区里尚未收到本店任何数据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/sync/cli.py" line="123"/>
        <source>the district has your data up to {date}</source>
        <translation>区里已收到本店数据至 {date}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/sync/cli.py" line="125"/>
        <source>Applied district bundle #{sequence}: {added} households added, {updated} updated, {rules} quota rules, {use} rows of use in other stores; {held}.</source>
        <translation>已导入区里第 {sequence} 号数据包：新增救助户 {added} 户，更新 {updated} 户，配额规则 {rules} 条，其他门店领取记录 {use} 条；{held}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_reports.py" line="95"/>
        <source>{title}, {start} to {end}: {rows} rows written to {out}.</source>
        <translation>{title}（{start} 至 {end}）：已写入 {rows} 行到 {out}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_reports.py" line="117"/>
        <source>Use {number} of donated cash recorded: {amount} on {day}; {left} of donated cash left.</source>
        <translation>已记录善款使用 {number}：{day} 使用 {amount}；善款余额 {left}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_reports.py" line="142"/>
        <source>Public notice of {month} written to {pdf} and {html}.</source>
        <translation>{month} 的公示已写入 {pdf} 和 {html}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_receipts.py" line="80"/>
        <source>Keys file of {district}, published {published}, signed by hub key {fingerprint}: compare it with the fingerprint the district publishes.</source>
        <translation>{district}公钥文件，{published} 发布，平台公钥指纹 {fingerprint}：请与区里公布的指纹核对。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_receipts.py" line="85"/>
        <source>The receipt is dated after this keys file was published: a store key replaced since then is not in it. For a receipt that matters, check with the district&apos;s latest keys file.</source>
        <translation>收据日期晚于此密钥文件的发布日期：此后被更换的门店密钥不在文件中。重要的收据请用区里最新的密钥文件核验。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_receipts.py" line="125"/>
        <source>Wrote the keys of {count} stores of {district} to {out}, signed by hub key {fingerprint}. Publish this fingerprint with the file: whoever checks receipts compares it.</source>
        <translation>已将{district} {count} 家门店的公钥写入 {out}，由平台公钥 {fingerprint} 签名。请与文件一同公布此指纹，供核验收据者核对。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_reports.py" line="85"/>
        <source>{title}, {start} to {end}: written to {out}.</source>
        <translation>{title}，{start} 至 {end}：已写入 {out}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/hub/cli_reports.py" line="97"/>
        <source>The district&apos;s public notice of {month} written to {folder}: {pdf} and {pages} web pages.</source>
        <translation>{month} 全区公示已写入 {folder}：{pdf} 及 {pages} 个网页。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_backup.py" line="72"/>
        <source>Backup checked: {events} journal events agree; {removed} older backups removed by rotation.</source>
        <extracomment>kept in step with services.backup.PASSPHRASE_ENV (not imported: --help stays light)</extracomment>
        <translation>备份已校验：{events} 条日志事件一致；轮换删除了 {removed} 个较旧的备份。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_backup.py" line="75"/>
        <source>Note: no key file: the seal was checked for consistency only, its authenticity was NOT checked.</source>
        <translation>注意：没有密钥文件：只检查了封签的一致性，未检查其真实性。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_backup.py" line="97"/>
        <source>The store file it replaced is kept as {path}.</source>
        <translation>被替换的门店数据文件已保留为 {path}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_backup.py" line="98"/>
        <source>Store {code} restored to {path} from {backup}: {events} journal events checked.</source>
        <translation>门店 {code} 已从 {backup} 恢复到 {path}：已校验 {events} 条日志事件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_backup.py" line="101"/>
        <source>Note: no key file for this store on this PC: put it back with “charity-pos restore-key” before using the store.</source>
        <translation>注意：本机没有该门店的密钥文件：使用门店前请用“charity-pos restore-key”恢复密钥文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_backup.py" line="115"/>
        <source>Passphrase: </source>
        <translation>口令：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_backup.py" line="119"/>
        <source>The passphrase again: </source>
        <translation>再次输入口令：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_backup.py" line="126"/>
        <source>The store&apos;s key file, protected by your passphrase, was written to {out}. Keep it apart from the backups, and the passphrase apart from both.</source>
        <translation>受口令保护的门店密钥文件已写入 {out}。请与备份分开保存，口令也请另行保管。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_backup.py" line="135"/>
        <source>The store&apos;s key file is back in {path}.</source>
        <translation>门店密钥文件已恢复到 {path}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_rebuild.py" line="39"/>
        <source>Rebuilt from the district&apos;s journal: what happened after event #{seq} ({at}) was never exported and is lost, from event #{next} on.</source>
        <translation>本门店由区里保存的日志重建：事件 #{seq}（{at}）之后发生的一切从未导出，已丢失（自事件 #{next} 起）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_rebuild.py" line="51"/>
        <source>Rebuilt store {code} in {path} from {events} events of the hub of {district}.</source>
        <translation>已由{district}区级数据中心的 {events} 条事件在 {path} 重建门店 {code}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_rebuild.py" line="54"/>
        <source>The store has a new key pair ({fingerprint}, key file {key}). Write its registration file with charity-pos store-key; the district registers the new key with charity-pos hub add-store and a district staff account&apos;s PIN (--staff, --staff-pin), then load the trust file with charity-pos trust-hub.</source>
        <translation>门店已生成新的密钥对（{fingerprint}，密钥文件 {key}）。请用 charity-pos store-key 写出登记文件；区里用 charity-pos hub add-store 加区工作人员账号的 PIN（--staff、--staff-pin）登记新密钥，然后用 charity-pos trust-hub 载入信任文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_rebuild.py" line="60"/>
        <source>The store keeps its key ({fingerprint}, key file {key}).</source>
        <translation>门店沿用原密钥（{fingerprint}，密钥文件 {key}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_rebuild.py" line="62"/>
        <source>Log in as “{manager}” with the PIN you gave; the other accounts need a new PIN from a manager.</source>
        <translation>请以“{manager}”和您设定的 PIN 登录；其他账号需由店长重设 PIN。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli_rebuild.py" line="64"/>
        <source>Households&apos; names and ID numbers, donors&apos; names and staff names are not in the journal: households come back with the next downstream bundle from the district (charity-pos import-bundle).</source>
        <translation>困难家庭的姓名和身份证号、捐赠人姓名、员工姓名不在日志中：困难家庭的信息会随区里下一个下行数据包回来（charity-pos import-bundle）。</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>spoiled</source>
        <translation>变质</translation>
    </message>
    <message>
        <source>unfit for sale</source>
        <translation>不宜销售</translation>
    </message>
    <message>
        <source>given to another charity</source>
        <translation>转赠</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>PIN: </source>
        <translation>PIN：</translation>
    </message>
    <message>
        <source>Manager's PIN: </source>
        <translation>店长 PIN：</translation>
    </message>
    <message>
        <source>Write-off {number}: {units} units, {value} at sale price, out of {lots} lots.</source>
        <translation>报损单 {number}：{units} 件，按售价 {value}，涉及 {lots} 个批次。</translation>
    </message>
    <message>
        <source>Write-off {number} written to {out}.</source>
        <translation>报损单 {number} 已写入 {out}。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
</context>
<context>
    <name>LotsModel</name>
    <message>
        <source>Donation</source>
        <translation>捐赠</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>采购</translation>
    </message>
    <message>
        <source>Count surplus</source>
        <translation>盘盈</translation>
    </message>
    <message>
        <source>Sold before received</source>
        <translation>未入库先售</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据号</translation>
    </message>
    <message>
        <source>Best before</source>
        <translation>保质期至</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Donated</source>
        <translation>捐赠</translation>
    </message>
    <message>
        <source>Purchased</source>
        <translation>采购</translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <source>Scan a barcode or a lot's label, or type a name or pinyin initials (Ctrl+F)</source>
        <translation>扫描条码或批次标签，或输入名称、拼音首字母（Ctrl+F）</translation>
    </message>
    <message>
        <source>Write off… (Ctrl+W)</source>
        <translation>报损…（Ctrl+W）</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Stock: Ctrl+F search, Ctrl+W write off from the lot selected (keys 1-6 the reason), Ctrl+P print the last write-off, Ctrl+E as PDF</source>
        <translation>库存：Ctrl+F 查找，Ctrl+W 对所选批次报损（数字键 1-6 选原因），Ctrl+P 打印最近的报损单，Ctrl+E 存为 PDF</translation>
    </message>
    <message numerus="yes">
        <source>%n lot(s) shown (first {limit})</source>
        <translation>
            <numerusform>显示 %n 个批次（前 {limit} 个）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lot(s) shown</source>
        <translation>
            <numerusform>显示 %n 个批次</numerusform>
        </translation>
    </message>
    <message>
        <source>Write off goods</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>Choose a lot first: find it, then ↓ and Ctrl+W.</source>
        <translation>请先选择批次：查找后按 ↓，再按 Ctrl+W。</translation>
    </message>
    <message>
        <source>Written off: {number}</source>
        <translation>已报损：{number}</translation>
    </message>
    <message>
        <source>Print write-off (Ctrl+P)</source>
        <translation>打印报损单（Ctrl+P）</translation>
    </message>
    <message>
        <source>As PDF (Ctrl+E)</source>
        <translation>存为 PDF（Ctrl+E）</translation>
    </message>
    <message>
        <source>No goods have been written off yet.</source>
        <translation>尚未报损任何物资。</translation>
    </message>
</context>
<context>
    <name>WriteoffDialog</name>
    <message>
        <source>Write off goods</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>{name} · lot {code} · {on_hand} on hand · {price} each</source>
        <translation>{name} · 批次 {code} · 库存 {on_hand} · 单价 {price}</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>Write off (Enter)</source>
        <translation>报损（Enter）</translation>
    </message>
    <message>
        <source>Receiving organisation</source>
        <translation>受赠单位</translation>
    </message>
    <message>
        <source>e.g. 静安区慈善基金会</source>
        <translation>例如 静安区慈善基金会</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>情况说明</translation>
    </message>
    <message>
        <source>Needed for “Other”</source>
        <translation>选“其他”时必填</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>Value at sale price: {value}</source>
        <translation>按售价金额：{value}</translation>
    </message>
    <message>
        <source>Beyond the write-off limit of {limit}: a manager records it or approves it with their PIN.</source>
        <translation>超过报损审批额度 {limit}：须店长登记，或由店长输入 PIN 批准。</translation>
    </message>
    <message>
        <source>Within the write-off limit of {limit}.</source>
        <translation>未超过报损审批额度 {limit}。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>“{item_name}”, lot {lot}, is past its best-before date ({expiry_date}): it cannot be sold or handed out. Take the lot off the shelf.</source>
        <translation>“{item_name}”批次 {lot} 已过保质期（{expiry_date}），不能销售或发放。请将该批次下架。</translation>
    </message>
    <message>
        <source>“{item_name}” is best before {expiry_date}, {days_left} days from today: the store takes it with at least {minimum_days} days left ({percent}% of its {shelf_life_days}-day shelf life). A manager may accept it with a reason.</source>
        <translation>“{item_name}”的保质期至 {expiry_date}，距今 {days_left} 天：本店接收时须至少剩余 {minimum_days} 天（保质期 {shelf_life_days} 天的 {percent}%）。店长可说明原因后批准接收。</translation>
    </message>
    <message>
        <source>“{item_name}” is best before {expiry_date}, {days_left} days from today: food whose shelf life is not recorded is taken with at least {minimum_days} days left. A manager may accept it with a reason.</source>
        <translation>“{item_name}”的保质期至 {expiry_date}，距今 {days_left} 天：未登记保质期的食品接收时须至少剩余 {minimum_days} 天。店长可说明原因后批准接收。</translation>
    </message>
    <message>
        <source>Shelf life</source>
        <translation>保质期</translation>
    </message>
    <message>
        <source>{field}: “{value}” is not a number of days from 1 to 3650 (ten years).</source>
        <translation>{field}：“{value}”不是 1 至 3650（十年）之间的天数。</translation>
    </message>
    <message>
        <source>take in food with less shelf life left than the store's minimum</source>
        <translation>接收剩余保质期不足本店最低要求的食品</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>降价</translation>
    </message>
</context>
<context>
    <name>CounterRulesDialog</name>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Food short of this at intake is taken only with a manager's PIN and a reason.</source>
        <translation>接收时不足此标准的食品，须店长输入 PIN 码并说明原因方可接收。</translation>
    </message>
    <message>
        <source>Food taken in needs, of its shelf life, at least</source>
        <translation>接收食品须剩余保质期不少于</translation>
    </message>
    <message>
        <source>or, its shelf life not recorded, days left at least</source>
        <translation>未登记保质期的，剩余天数不少于</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>food: its usual shelf life, e.g. 365</source>
        <translation>食品：通常保质期天数，如 365</translation>
    </message>
    <message>
        <source>Food taken in needs a share of this left (the counter limits); empty: not known, a number of days then</source>
        <translation>接收食品时须剩余其中一定比例（见收银限额）；留空表示未登记，则按剩余天数要求</translation>
    </message>
    <message>
        <source>Shel&amp;f life (days)</source>
        <translation>保质期（天）(&amp;F)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>{field}: give either a share off or a new price, not both.</source>
        <translation>{field}：请填写折扣比例或新价格，二者选一。</translation>
    </message>
    <message>
        <source>{field}: “{value}” is not a share off from 1% to 90%.</source>
        <translation>{field}：“{value}”不是 1% 至 90% 之间的降价比例。</translation>
    </message>
    <message>
        <source>{field}: “{value}” has no lot within 30 days of its best-before date; change its price in the item editor instead.</source>
        <translation>{field}：“{value}”没有 30 天内到期的批次；请在商品编辑中修改价格。</translation>
    </message>
    <message>
        <source>{field}: the price of “{value}” would not come down; a markdown only lowers prices.</source>
        <translation>{field}：“{value}”的价格不会降低；临期降价只能调低价格。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>{field}: name the goods by their codes, or give --within; one of them.</source>
        <translation>{field}：请列出商品条码，或使用 --within，二者选一。</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>No goods on the shelf are past their date or within {days} days of it.</source>
        <translation>货架上没有已过期或 {days} 天内到期的商品。</translation>
    </message>
    <message>
        <source>Past the date (take off the shelf)</source>
        <translation>已过期（应下架）</translation>
    </message>
    <message>
        <source>Within 7 days</source>
        <translation>7天内到期</translation>
    </message>
    <message>
        <source>In 8 to 30 days</source>
        <translation>8至30天内到期</translation>
    </message>
    <message>
        <source>{days} days left</source>
        <translation>剩余 {days} 天</translation>
    </message>
    <message>
        <source>{units} on hand</source>
        <translation>库存 {units}</translation>
    </message>
    <message>
        <source>{name}: {old} → {new} (临期降价)</source>
        <translation>{name}：{old} → {new}（临期降价）</translation>
    </message>
</context>
<context>
    <name>ExpiryModel</name>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Best before</source>
        <translation>保质期至</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>按售价金额</translation>
    </message>
    <message>
        <source>Past date</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>≤ 7 days</source>
        <translation>7天内</translation>
    </message>
    <message>
        <source>8-30 days</source>
        <translation>8-30天</translation>
    </message>
</context>
<context>
    <name>ExpiryScreen</name>
    <message>
        <source>Within 7 days (Alt+7)</source>
        <translation>7天内到期 (Alt+7)</translation>
    </message>
    <message>
        <source>Within 30 days (Alt+3)</source>
        <translation>30天内到期 (Alt+3)</translation>
    </message>
    <message>
        <source>Take &amp;off</source>
        <translation>降价比例(&amp;O)</translation>
    </message>
    <message>
        <source>or new &amp;price (¥)</source>
        <translation>或新售价（元）(&amp;P)</translation>
    </message>
    <message>
        <source>or empty</source>
        <translation>或留空</translation>
    </message>
    <message>
        <source>Mark down the chosen goods (Ctrl+D)</source>
        <translation>所选商品降价 (Ctrl+D)</translation>
    </message>
    <message>
        <source>A markdown lowers the price of the goods, every lot of them, and is logged as a price change with the reason 临期降价. Lots past their date are not sold: take them off the shelf.</source>
        <translation>降价调低该商品的售价（其所有批次），并以“临期降价”为原因记入改价记录。已过期的批次不能销售，请下架。</translation>
    </message>
    <message>
        <source>Near expiry</source>
        <translation>临期商品</translation>
    </message>
    <message>
        <source>Near expiry: Alt+7 or Alt+3 the window; Shift or Ctrl with the arrows choose lots, Ctrl+A all; Ctrl+D marks down their goods</source>
        <translation>临期商品：Alt+7 或 Alt+3 选择期限；Shift 或 Ctrl 加方向键选择批次，Ctrl+A 全选；Ctrl+D 将所选商品降价</translation>
    </message>
    <message>
        <source>Past the date: {expired} · within 7 days: {soon} · in 8 to 30 days: {later} · value {value}</source>
        <translation>已过期：{expired} · 7天内：{soon} · 8至30天：{later} · 金额 {value}</translation>
    </message>
    <message>
        <source>No goods on the shelf are past their date or near it.</source>
        <translation>货架上没有已过期或临期的商品。</translation>
    </message>
    <message>
        <source>Choose lots that are not past their date first (Shift or Ctrl with the arrows).</source>
        <translation>请先选择未过期的批次（Shift 或 Ctrl 加方向键）。</translation>
    </message>
    <message>
        <source>new price {price}</source>
        <translation>新售价 {price}</translation>
    </message>
    <message>
        <source>{percent}% off</source>
        <translation>降价 {percent}%</translation>
    </message>
    <message>
        <source>Mark down</source>
        <translation>临期降价</translation>
    </message>
    <message>
        <source>Mark down {names}: {how}? Every lot of these goods sells at the new price.</source>
        <translation>将 {names} 降价：{how}？这些商品的所有批次都按新价格销售。</translation>
    </message>
    <message>
        <source>Marked down (临期降价): {names}</source>
        <translation>已降价（临期降价）：{names}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Count {number} is still open over some of these goods: finish or cancel it first.</source>
        <translation>盘点单 {number} 仍在进行，且包含其中部分商品：请先完成或取消该盘点。</translation>
    </message>
    <message>
        <source>“{item_name}” (shelf {location}) is not among the goods count {number} covers; count it in its own count.</source>
        <translation>“{item_name}”（货位 {location}）不在盘点单 {number} 的范围内；请在它所属的盘点中清点。</translation>
    </message>
    <message>
        <source>Count {number} is finished: nothing more can be entered or changed.</source>
        <translation>盘点单 {number} 已完成：不能再录入或更改。</translation>
    </message>
    <message>
        <source>Count {number} was cancelled: nothing more can be entered or changed.</source>
        <translation>盘点单 {number} 已取消：不能再录入或更改。</translation>
    </message>
    <message>
        <source>Count {number} has nothing counted yet: count goods first, or cancel it.</source>
        <translation>盘点单 {number} 尚未清点任何商品：请先清点，或取消该盘点。</translation>
    </message>
    <message>
        <source>Count {number} cannot finish: {items} item(s) marked for a recount, such as “{item_name}”, have not been counted again.</source>
        <translation>盘点单 {number} 不能完成：有 {items} 项标记为复盘的商品（如“{item_name}”）尚未重新清点。</translation>
    </message>
    <message>
        <source>Count {number} cannot finish: {items} difference(s) over the threshold, such as “{item_name}”, need a recount or a manager&apos;s reason.</source>
        <translation>盘点单 {number} 不能完成：有 {items} 项差异超出阈值（如“{item_name}”），需要复盘或由店长说明原因。</translation>
    </message>
    <message>
        <source>Shelf location</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>What to count</source>
        <translation>盘点范围</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Recount</source>
        <translation>复盘</translation>
    </message>
    <message>
        <source>{field}: no goods stand on “{value}”; set it in the item editor first.</source>
        <translation>{field}：没有商品在“{value}”上；请先在商品编辑中设置货位。</translation>
    </message>
    <message>
        <source>This line is already marked for a recount: count it again.</source>
        <translation>该行已标记为复盘：请重新清点。</translation>
    </message>
    <message>
        <source>start, finish or cancel a stock count</source>
        <translation>开始、完成或取消盘点</translation>
    </message>
    <message>
        <source>enter goods into a stock count</source>
        <translation>录入盘点数量</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Count {number} started.</source>
        <translation>盘点单 {number} 已开始。</translation>
    </message>
    <message>
        <source>{name}: +{quantity}, {counted} counted.</source>
        <translation>{name}：+{quantity}，已盘 {counted}。</translation>
    </message>
    <message>
        <source>{name}: none on the shelf, {counted} counted.</source>
        <translation>{name}：货架上没有，已盘 {counted}。</translation>
    </message>
    <message>
        <source>{code} marked for a recount in {number}.</source>
        <translation>{code} 已在盘点单 {number} 中标记为复盘。</translation>
    </message>
    <message>
        <source>Reason recorded for {code} in {number}.</source>
        <translation>已在盘点单 {number} 中记录 {code} 的差异原因。</translation>
    </message>
    <message>
        <source>Count {number} finished: {items} item(s) changed.</source>
        <translation>盘点单 {number} 已完成：{items} 项商品库存变动。</translation>
    </message>
    <message>
        <source>Count {number} cancelled; nothing changed.</source>
        <translation>盘点单 {number} 已取消；库存未作任何变动。</translation>
    </message>
    <message>
        <source>Count sheets of {number}: {lines} item(s) written to {out}.</source>
        <translation>盘点单 {number} 的盘点表：{lines} 项商品，已写入 {out}。</translation>
    </message>
    <message>
        <source>Variance of {number}: {lines} item(s) written to {out}.</source>
        <translation>盘点单 {number} 的差异表：{lines} 项商品，已写入 {out}。</translation>
    </message>
    <message>
        <source>{lines} item(s) counted; found {found}, missing {missing}; {unsettled} to settle.</source>
        <translation>已盘 {lines} 项；盘盈 {found}，盘亏 {missing}；待处理 {unsettled} 项。</translation>
    </message>
</context>
<context>
    <name>CounterRulesDialog</name>
    <message>
        <source> units</source>
        <translation> 件</translation>
    </message>
    <message>
        <source>A stock count&apos;s difference beyond either needs a recount or a manager&apos;s reason.</source>
        <translation>盘点差异超过任一数值，须复盘或由店长说明原因。</translation>
    </message>
    <message>
        <source>A count&apos;s difference needs a recount or a reason beyond</source>
        <translation>盘点差异超过此数量须复盘或说明原因</translation>
    </message>
    <message>
        <source>or beyond the value (at the sale price)</source>
        <translation>或差异金额（按售价）超过</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>shelf, e.g. A-03: count sheets go by it</source>
        <translation>货架编号，如 A-03：盘点表按它排序</translation>
    </message>
    <message>
        <source>Shelf &amp;location</source>
        <translation>货位(&amp;L)</translation>
    </message>
</context>
<context>
    <name>CountEntry</name>
    <message>
        <source>Count (Ctrl+F)</source>
        <translation>盘点 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Scan each piece, or 12* and a scan for twelve; a name or pinyin finds goods without a code</source>
        <translation>扫码加 1 件，12* 再扫码加 12 件；也可输入名称或拼音</translation>
    </message>
</context>
<context>
    <name>CountModel</name>
    <message>
        <source>Shelf</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>账存</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>差异金额</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>To recount</source>
        <translation>待复盘</translation>
    </message>
    <message>
        <source>Over the threshold</source>
        <translation>超出阈值</translation>
    </message>
    <message>
        <source>Recounted</source>
        <translation>已复盘</translation>
    </message>
    <message>
        <source>Explained</source>
        <translation>已说明</translation>
    </message>
    <message>
        <source>({earlier} before)</source>
        <translation>（之前 {earlier}）</translation>
    </message>
</context>
<context>
    <name>CountScreen</name>
    <message>
        <source>&amp;Count</source>
        <translation>盘点单(&amp;C)</translation>
    </message>
    <message>
        <source>Start… (Ctrl+N)</source>
        <translation>开始盘点… (Ctrl+N)</translation>
    </message>
    <message>
        <source>Print sheets (Ctrl+P)</source>
        <translation>打印盘点表 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Sheets as PDF (Ctrl+E)</source>
        <translation>盘点表存为 PDF (Ctrl+E)</translation>
    </message>
    <message>
        <source>Recount (F6)</source>
        <translation>复盘 (F6)</translation>
    </message>
    <message>
        <source>None on the shelf (F7)</source>
        <translation>无货 (F7)</translation>
    </message>
    <message>
        <source>Reason… (F8)</source>
        <translation>差异原因… (F8)</translation>
    </message>
    <message>
        <source>Export… (Ctrl+Shift+X)</source>
        <translation>导出差异表… (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <source>Finish… (F12)</source>
        <translation>完成盘点… (F12)</translation>
    </message>
    <message>
        <source>Cancel count… (Ctrl+Del)</source>
        <translation>取消盘点… (Ctrl+Del)</translation>
    </message>
    <message>
        <source>Stock count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Stock count: scan to add one, 12* and a scan for twelve; F6 recount, F7 none on the shelf, Ctrl+P count sheets; managers: Ctrl+N start, F8 reason, F12 finish, Ctrl+Del cancel</source>
        <translation>盘点：扫码加 1 件，12* 再扫码加 12 件；F6 复盘，F7 无货，Ctrl+P 盘点表；店长：Ctrl+N 开始，F8 差异原因，F12 完成，Ctrl+Del 取消</translation>
    </message>
    <message>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>category {name}</source>
        <translation>品类 {name}</translation>
    </message>
    <message>
        <source>shelf {location}</source>
        <translation>货位 {location}</translation>
    </message>
    <message>
        <source>all goods</source>
        <translation>全部商品</translation>
    </message>
    <message>
        <source>No count is open. A manager starts one with Ctrl+N.</source>
        <translation>没有进行中的盘点。店长按 Ctrl+N 开始盘点。</translation>
    </message>
    <message>
        <source>Cancelled: {reason}</source>
        <translation>已取消：{reason}</translation>
    </message>
    <message>
        <source>Finished: the differences were moved under {number}.</source>
        <translation>已完成：差异已按 {number} 调整库存。</translation>
    </message>
    <message>
        <source>Counting {scope}: only what is counted changes at the finish. A difference over {units} units or {value} needs a recount or a manager&apos;s reason.</source>
        <translation>正在盘点{scope}：完成时只调整已盘商品。差异超过 {units} 件或 {value} 须复盘或由店长说明原因。</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) counted · found {found} · missing {missing} · {unsettled} to settle</source>
        <translation>
            <numerusform>已盘 %n 项 · 盘盈 {found} · 盘亏 {missing} · 待处理 {unsettled} 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) counted</source>
        <translation>
            <numerusform>已盘 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>No count is open here: choose one, or a manager starts one.</source>
        <translation>此处没有进行中的盘点：请选择盘点单，或由店长开始盘点。</translation>
    </message>
    <message>
        <source>{name}: +{quantity}, {counted} counted</source>
        <translation>{name}：+{quantity}，已盘 {counted}</translation>
    </message>
    <message>
        <source>Scan the goods or choose their line first.</source>
        <translation>请先扫描商品或选中其所在行。</translation>
    </message>
    <message>
        <source>{name}: none on the shelf</source>
        <translation>{name}：无货</translation>
    </message>
    <message>
        <source>Choose the line to recount first (↑ ↓).</source>
        <translation>请先选中要复盘的行（↑ ↓）。</translation>
    </message>
    <message>
        <source>{name}: count it again; the new count replaces the earlier one.</source>
        <translation>{name}：请重新清点；新数量将取代之前的数量。</translation>
    </message>
    <message>
        <source>Variance saved to {path}.</source>
        <translation>差异表已保存到 {path}。</translation>
    </message>
    <message>
        <source>Choose the line to explain first (↑ ↓).</source>
        <translation>请先选中要说明的行（↑ ↓）。</translation>
    </message>
    <message>
        <source>Finish the count</source>
        <translation>完成盘点</translation>
    </message>
    <message numerus="yes">
        <source>Finish {number}? %n counted item(s) change by their difference (found {found}, missing {missing}); goods not counted keep their quantity. This cannot be undone.</source>
        <translation>
            <numerusform>完成 {number}？已盘的 %n 项商品将按差异调整库存（盘盈 {found}，盘亏 {missing}）；未盘商品数量不变。此操作不能撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Count {number} finished.</source>
        <translation>盘点单 {number} 已完成。</translation>
    </message>
    <message>
        <source>Reason for a difference</source>
        <translation>差异原因</translation>
    </message>
    <message>
        <source>“{name}”: counted {counted}, expected {expected} ({difference}). Why?</source>
        <translation>“{name}”：实盘 {counted}，账存 {expected}（{difference}）。原因是什么？</translation>
    </message>
    <message>
        <source>e.g. damaged and thrown away without a write-off</source>
        <translation>例如：破损丢弃未登记报损</translation>
    </message>
    <message>
        <source>Cancel the count</source>
        <translation>取消盘点</translation>
    </message>
    <message>
        <source>Cancel {number}? Nothing changes in stock; its entries are kept.</source>
        <translation>取消 {number}？库存不作任何变动；录入记录会保留。</translation>
    </message>
    <message>
        <source>e.g. power cut, counted again another day</source>
        <translation>例如：停电，改日重新盘点</translation>
    </message>
    <message>
        <source>Count {number} cancelled; nothing changed.</source>
        <translation>盘点单 {number} 已取消；库存未作任何变动。</translation>
    </message>
</context>
<context>
    <name>StartCountDialog</name>
    <message>
        <source>Start a stock count</source>
        <translation>开始盘点</translation>
    </message>
    <message>
        <source>Only the goods counted change when the count finishes; sales go on meanwhile. One count at a time may cover an item.</source>
        <translation>完成盘点时只调整已盘商品；盘点期间照常销售。同一商品同时只能在一个盘点中。</translation>
    </message>
    <message>
        <source>&amp;All goods</source>
        <translation>全部商品(&amp;A)</translation>
    </message>
    <message>
        <source>A &amp;category</source>
        <translation>一个品类(&amp;C)</translation>
    </message>
    <message>
        <source>A &amp;shelf location</source>
        <translation>一个货位(&amp;S)</translation>
    </message>
    <message>
        <source>e.g. A-03</source>
        <translation>如 A-03</translation>
    </message>
    <message>
        <source>Start the count</source>
        <translation>开始盘点</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
<!-- consign: begin -->
<context>
    <name>Errors</name>
    <message>
        <source>No consignor is called or has the credit code “{key}”; see charity-pos consignor list.</source>
        <translation>没有名称或统一社会信用代码为“{key}”的委托方；请用 charity-pos consignor list 查看。</translation>
    </message>
    <message>
        <source>Only {left} of “{item_name}” from {consignor} are left: {wanted} cannot be returned.</source>
        <translation>{consignor}的“{item_name}”只剩 {left} 件，不能退回 {wanted} 件。</translation>
    </message>
    <message>
        <source>{month} has not begun yet: a settlement is made for a month that has begun.</source>
        <translation>{month} 尚未开始：只能为已开始的月份结算。</translation>
    </message>
    <message>
        <source>Consignor</source>
        <translation>委托方</translation>
    </message>
    <message>
        <source>Settlement price</source>
        <translation>结算价</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Bank and account</source>
        <translation>开户行及账号</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>“{value}” is not consigned goods: only goods whose source is consigned arrive from a consignor.</source>
        <translation>“{value}”不是代销商品：只有来源为代售的商品才能作为代销收货。</translation>
    </message>
    <message>
        <source>The consignor “{value}” is switched off.</source>
        <translation>委托方“{value}”已停用。</translation>
    </message>
    <message>
        <source>keep the consignors and their goods</source>
        <translation>管理代销委托方及其商品</translation>
    </message>
    <message>
        <source>The PDF file (--pdf, .pdf)</source>
        <translation>PDF 文件（--pdf，.pdf）</translation>
    </message>
    <message>
        <source>The Excel file (--xlsx, .xlsx)</source>
        <translation>Excel 文件（--xlsx，.xlsx）</translation>
    </message>
    <message>
        <source>{field}: “{value}” has another ending.</source>
        <translation>{field}：“{value}”的扩展名不对。</translation>
    </message>
    <message>
        <source>“{value}” is consigned goods: it arrives from its consignor on the consigned goods screen, not as a purchase.</source>
        <translation>“{value}”是代销商品：应在代销商品界面从委托方收货，不能作为采购入库。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="701"/>
        <source>Nothing in this store has the code “{code}”: scan a label, or type a barcode or a donation, receipt, sale, return, handout, stock receipt or count number.</source>
        <translation>本店没有编码为“{code}”的记录：请扫描标签，或输入条码，或捐赠、收据、销售、退货、发放、入库、盘点单号。</translation>
    </message>
    <message>
        <source>{store_code} is not a store of the district that the hub named to this store: check the code, or import the hub's latest bundle first.</source>
        <translation>{store_code} 不是区数据中心告知本店的区内门店：请核对代码，或先导入数据中心最新的同步文件。</translation>
    </message>
    <message>
        <source>{store_code} is this store: a transfer goes to another store.</source>
        <translation>{store_code} 就是本店：调拨只能发往其他门店。</translation>
    </message>
    <message>
        <source>No lot of this store has the code {code}.</source>
        <translation>本店没有代码为 {code} 的批次。</translation>
    </message>
    <message>
        <source>Lot {lot} holds {available}: {wanted} cannot be sent.</source>
        <translation>批次 {lot} 只有 {available} 件：不能调出 {wanted} 件。</translation>
    </message>
    <message>
        <source>No transfer {number} came to this store.</source>
        <translation>本店没有收到调拨单 {number}。</translation>
    </message>
    <message>
        <source>Transfer {number} was confirmed already ({at}): nothing was changed.</source>
        <translation>调拨单 {number} 已于 {at} 确认收货：未作任何更改。</translation>
    </message>
    <message>
        <source>Transfer {number} has no line {line}.</source>
        <translation>调拨单 {number} 没有第 {line} 行。</translation>
    </message>
    <message>
        <source>Line {line} of transfer {number}: {received} received is more than the {sent} sent.</source>
        <translation>调拨单 {number} 第 {line} 行：实收 {received} 件多于调出的 {sent} 件。</translation>
    </message>
    <message>
        <source>Line {line} of transfer {number} arrived short: say why (a reason).</source>
        <translation>调拨单 {number} 第 {line} 行实收短少：请填写原因。</translation>
    </message>
    <message>
        <source>{path}: transfer {number} is for store {made_for}, not for this store ({store_code}); nothing was applied.</source>
        <translation>{path}：调拨单 {number} 是发给门店 {made_for} 的，不是本店（{store_code}）；未导入任何内容。</translation>
    </message>
    <message>
        <source>{path}: transfer {number} is held here with other lines; nothing was applied.</source>
        <translation>{path}：本店已有调拨单 {number}，但明细不同；未导入任何内容。</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Consignor {name} ({code}) registered.</source>
        <translation>已登记委托方 {name}（{code}）。</translation>
    </message>
    <message>
        <source>No consignors yet: charity-pos consignor add registers one.</source>
        <translation>尚无委托方：用 charity-pos consignor add 登记。</translation>
    </message>
    <message>
        <source>switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Settlement of {consignor} for {month}: {owed} owed for {sold} units sold.</source>
        <translation>{consignor} {month} 结算：售出 {sold} 件，应付 {owed}。</translation>
    </message>
    <message>
        <source>opening {opening}, received {received}, sold {sold}, returned {returned}, written off or other {other}, closing {closing}</source>
        <translation>期初 {opening}，收货 {received}，售出 {sold}，退回 {returned}，报损及其他 {other}，期末 {closing}</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
    <message>
        <source>transferred</source>
        <translation>调拨出库</translation>
    </message>
    <message>
        <source>to store {code}</source>
        <translation>调往门店 {code}</translation>
    </message>
    <message>
        <source>from {origin}</source>
        <translation>来自 {origin}</translation>
    </message>
    <message>
        <source>Received {received} = sold {sold} + handed out {handed} + written off {written} + counted missing {counted} + sent to other stores {sent} + on the shelf {shelf}.</source>
        <translation>入库 {received} = 售出 {sold} + 发放 {handed} + 报损 {written} + 盘亏 {counted} + 调往其他门店 {sent} + 在架 {shelf}。</translation>
    </message>
    <message>
        <source>Store {code} is now a {kind}.</source>
        <translation>{code} 现为{kind}。</translation>
    </message>
    <message>
        <source>No transfers in flight.</source>
        <translation>没有在途的调拨单。</translation>
    </message>
    <message>
        <source>No transfers.</source>
        <translation>没有调拨单。</translation>
    </message>
    <message>
        <source>in flight</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>, {units} received</source>
        <translation>，实收 {units}</translation>
    </message>
    <message>
        <source>{number}  {sent}  {source} → {target}  {status}: {units} sent{got}</source>
        <translation>{number}  {sent}  {source} → {target}  {status}：调出 {units}{got}</translation>
    </message>
    <message>
        <source>warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Transfer {number} to {store}: {units} units in {lines} lines left stock. It goes to the hub with the next export-bundle.</source>
        <translation>调拨单 {number}（调往 {store}）：{lines} 行共 {units} 件已出库，下次 export-bundle 时发往数据中心。</translation>
    </message>
    <message>
        <source>Transfer {number} from {store} received: {received} of {sent} units.</source>
        <translation>调拨单 {number}（来自 {store}）已收货：{sent} 件中实收 {received} 件。</translation>
    </message>
    <message>
        <source>  line {line} {name}: {received} of {sent} ({reason})</source>
        <translation>  第 {line} 行 {name}：{sent} 件中实收 {received} 件（{reason}）</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已调出</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>to {store}</source>
        <translation>调往 {store}</translation>
    </message>
    <message>
        <source>from {store}</source>
        <translation>来自 {store}</translation>
    </message>
    <message>
        <source>The hub has named no other store yet: import its next downstream bundle.</source>
        <translation>区数据中心尚未告知其他门店：请导入它发回的下一个同步文件。</translation>
    </message>
    <message>
        <source>Sent to other stores</source>
        <translation>调往其他门店</translation>
    </message>
</context>
<context>
    <name>ConsignScreen</name>
    <message>
        <source>Consignors (Ctrl+1)</source>
        <translation>委托方 (Ctrl+1)</translation>
    </message>
    <message>
        <source>Receive (Ctrl+2)</source>
        <translation>代销收货 (Ctrl+2)</translation>
    </message>
    <message>
        <source>Return (Ctrl+3)</source>
        <translation>退回委托方 (Ctrl+3)</translation>
    </message>
    <message>
        <source>Settlement (Ctrl+4)</source>
        <translation>月度结算 (Ctrl+4)</translation>
    </message>
    <message>
        <source>Consigned goods</source>
        <translation>代销商品</translation>
    </message>
    <message>
        <source>Consigned goods: Ctrl+1-4 the tabs; Ctrl+S saves the tab&apos;s consignor, receiving or return; Ctrl+T switches a consignor off or on; Ctrl+P / Ctrl+E save the settlement</source>
        <translation>代销商品：Ctrl+1-4 切换页签；Ctrl+S 保存当前页的委托方、收货单或退回单；Ctrl+T 停用或启用委托方；Ctrl+P / Ctrl+E 保存结算单</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Bank and account</source>
        <translation>开户行及账号</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>新建 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Save consignor (Ctrl+S)</source>
        <translation>保存委托方 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Switch off or on (Ctrl+T)</source>
        <translation>停用/启用 (Ctrl+T)</translation>
    </message>
    <message>
        <source>Consignor {name} registered.</source>
        <translation>已登记委托方 {name}。</translation>
    </message>
    <message>
        <source>Consignor {name} saved.</source>
        <translation>已保存委托方 {name}。</translation>
    </message>
    <message>
        <source>Pick a consignor in the list first.</source>
        <translation>请先在列表中选择委托方。</translation>
    </message>
    <message>
        <source>{name} switched on.</source>
        <translation>{name} 已启用。</translation>
    </message>
    <message>
        <source>{name} switched off.</source>
        <translation>{name} 已停用。</translation>
    </message>
    <message>
        <source>From</source>
        <translation>委托方</translation>
    </message>
    <message>
        <source>e.g. 18.00</source>
        <translation>如 18.00</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, food</source>
        <translation>如 2027-06-30</translation>
    </message>
    <message>
        <source>Add (Enter)</source>
        <translation>加入 (Enter)</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Settlement price</source>
        <translation>结算价</translation>
    </message>
    <message>
        <source>Best before</source>
        <translation>保质期至</translation>
    </message>
    <message>
        <source>Note (delivery note number, who delivered)</source>
        <translation>备注（送货单号、送货人）</translation>
    </message>
    <message>
        <source>Save receiving (Ctrl+S)</source>
        <translation>保存收货单 (Ctrl+S)</translation>
    </message>
    <message>
        <source>No consigned goods are called “{name}”.</source>
        <translation>没有名为“{name}”的代销商品。</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s), {owed} at settlement price</source>
        <translation><numerusform>%n 行，按结算价共 {owed}</numerusform></translation>
    </message>
    <message>
        <source>Receiving {number} saved: the goods are on the shelf as the consignor&apos;s.</source>
        <translation>收货单 {number} 已保存：商品已上架，归委托方所有。</translation>
    </message>
    <message>
        <source>To</source>
        <translation>委托方</translation>
    </message>
    <message>
        <source>Why, e.g. unsold, near its date</source>
        <translation>原因，如滞销、临期</translation>
    </message>
    <message>
        <source>Return to the consignor (Ctrl+S)</source>
        <translation>退回委托方 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Pick the goods to return in the list first.</source>
        <translation>请先在列表中选择要退回的商品。</translation>
    </message>
    <message>
        <source>Return {number} saved: {quantity} of {goods} go back to the consignor.</source>
        <translation>退回单 {number} 已保存：{goods} {quantity} 件退回委托方。</translation>
    </message>
    <message>
        <source>Show (Enter)</source>
        <translation>查看 (Enter)</translation>
    </message>
    <message>
        <source>Save as PDF (Ctrl+P)</source>
        <translation>保存 PDF (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save as Excel (Ctrl+E)</source>
        <translation>保存 Excel (Ctrl+E)</translation>
    </message>
    <message>
        <source>Consignor</source>
        <translation>委托方</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>{month}: {sold} sold, {owed} owed to {consignor}; {returned} returned, {left} left</source>
        <translation>{month}：售出 {sold} 件，应付{consignor} {owed}；退回 {returned} 件，结存 {left} 件</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
</context>
<context>
    <name>ConsignorsModel</name>
    <message>
        <source>Consignor</source>
        <translation>委托方</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>信用代码</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Bank and account</source>
        <translation>开户行及账号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Switched off</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>HeldModel</name>
    <message>
        <source>Goods</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>结存</translation>
    </message>
</context>
<context>
    <name>ReceivingModel</name>
    <message>
        <source>Goods</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Settlement price</source>
        <translation>结算价</translation>
    </message>
    <message>
        <source>Best before</source>
        <translation>保质期至</translation>
    </message>
    <message>
        <source>At settlement price</source>
        <translation>结算金额</translation>
    </message>
</context>
<context>
    <name>SettlementModel</name>
    <message>
        <source>Goods</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Settlement price</source>
        <translation>结算价</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>期初</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>售出</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>应付</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Written off, other</source>
        <translation>报损及其他</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>期末</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>consigned {amount}</source>
        <translation>其中代销 {amount}</translation>
    </message>
</context>
<!-- consign: end -->
<context>
    <name>TransfersModel</name>
    <message>
        <source>Sent out</source>
        <translation>已调出</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>调出时间</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收货</translation>
    </message>
    <message>
        <source>to {store}</source>
        <translation>调往 {store}</translation>
    </message>
    <message>
        <source>from {store}</source>
        <translation>来自 {store}</translation>
    </message>
</context>
<context>
    <name>TransferScreen</name>
    <message>
        <source>Confirm receipt (F12)</source>
        <translation>确认收货（F12）</translation>
    </message>
    <message>
        <source> (warehouse)</source>
        <translation>（仓库）</translation>
    </message>
    <message>
        <source>Send goods</source>
        <translation>调出物资</translation>
    </message>
    <message>
        <source>Incoming and sent</source>
        <translation>调入与调出</translation>
    </message>
    <message>
        <source>To store</source>
        <translation>调往门店</translation>
    </message>
    <message>
        <source>Find lot</source>
        <translation>查找批次</translation>
    </message>
    <message>
        <source>name, pinyin initials or code</source>
        <translation>名称、拼音首字母或代码</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Add (Enter)</source>
        <translation>加入（Enter）</translation>
    </message>
    <message>
        <source>Take off (Del)</source>
        <translation>移除（Del）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Send (F12)</source>
        <translation>调出（F12）</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>实收</translation>
    </message>
    <message>
        <source>Why short</source>
        <translation>短少原因</translation>
    </message>
    <message>
        <source>damaged, missing, ...</source>
        <translation>破损、缺失……</translation>
    </message>
    <message>
        <source>Set the line (Enter)</source>
        <translation>确定本行（Enter）</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>调拨</translation>
    </message>
    <message>
        <source>Transfers: pick the store and the lots, Enter adds a lot, Del takes it off, F12 sends; on the incoming page set what arrived of a line (Enter) and F12 confirms</source>
        <translation>调拨：选择门店和批次，Enter 加入批次，Del 移除，F12 调出；在调入页填写每行实收（Enter），F12 确认收货</translation>
    </message>
    <message>
        <source>The hub has named no other store yet: send a bundle to the hub and import its next one.</source>
        <translation>区数据中心尚未告知其他门店：请先向数据中心发送同步文件，再导入它发回的文件。</translation>
    </message>
    <message>
        <source>Lot {lot} holds {left}: {wanted} cannot be sent.</source>
        <translation>批次 {lot} 只有 {left} 件：不能调出 {wanted} 件。</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s), {units} units</source>
        <translation>
            <numerusform>%n 行，共 {units} 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Pick lots above: Enter adds the chosen one.</source>
        <translation>在上方选择批次：按 Enter 加入所选批次。</translation>
    </message>
    <message>
        <source>Pick the receiving store and at least one lot.</source>
        <translation>请选择调入门店和至少一个批次。</translation>
    </message>
    <message>
        <source>Transfer {number} to {store} recorded: the goods have left stock and go to the hub with the next export.</source>
        <translation>调拨单 {number}（调往 {store}）已记录：物资已出库，下次导出同步文件时发往数据中心。</translation>
    </message>
    <message>
        <source>No transfers yet.</source>
        <translation>暂无调拨单。</translation>
    </message>
    <message>
        <source>{number} from {store}: set what arrived of each line, then F12 confirms.</source>
        <translation>{number}（来自 {store}）：填写每行实收件数，然后按 F12 确认收货。</translation>
    </message>
    <message>
        <source>{number} from {store}: received.</source>
        <translation>{number}（来自 {store}）：已收货。</translation>
    </message>
    <message>
        <source>{number} to {store}: sent.</source>
        <translation>{number}（调往 {store}）：已调出。</translation>
    </message>
    <message>
        <source>Pick a transfer waiting to be confirmed.</source>
        <translation>请选择一张待确认的调拨单。</translation>
    </message>
    <message>
        <source>Transfer {number} received: {got} of {sent} units are now in stock here.</source>
        <translation>调拨单 {number} 已收货：{sent} 件中 {got} 件已入本店库存。</translation>
    </message>
</context>
<context>
    <name>ArrivedModel</name>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Where it first came in</source>
        <translation>最初入库</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>调出</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>实收</translation>
    </message>
    <message>
        <source>Why short</source>
        <translation>短少原因</translation>
    </message>
</context>
<context>
    <name>PickedModel</name>
    <message>
        <source>Goods</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Units to send</source>
        <translation>调出件数</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
</context>
<context>
    <name>HubTransfersModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>调出时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>调出方</translation>
    </message>
    <message>
        <source>To</source>
        <translation>调入方</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Units sent</source>
        <translation>调出件数</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>实收</translation>
    </message>
    <message>
        <source> (warehouse)</source>
        <translation>（仓库）</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>在途</translation>
    </message>
</context>
<context>
    <name>HubTransferLinesModel</name>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Where it first came in</source>
        <translation>最初入库</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>调出</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>实收</translation>
    </message>
    <message>
        <source>Why short</source>
        <translation>短少原因</translation>
    </message>
</context>
<context>
    <name>TransfersScreen</name>
    <message>
        <source>Transfers between the district's stores</source>
        <translation>区内门店间调拨</translation>
    </message>
    <message>
        <source>Confirmed ones too</source>
        <translation>包括已收货的</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取……</translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) in flight: sent, not yet confirmed by the receiving store.</source>
        <translation>
            <numerusform>在途调拨单 %n 张：已调出，调入门店尚未确认收货。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignScreen</name>
    <message>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Only those not collected (Ctrl+W)</source>
        <translation>只看未领取（Ctrl+W）</translation>
    </message>
    <message>
        <source>Scan a relief card: the package is handed out at once</source>
        <translation>扫描帮困卡：整份物资当即发放</translation>
    </message>
    <message>
        <source>Print the last slip (Ctrl+P)</source>
        <translation>打印上一张发放单（Ctrl+P）</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>活动发放</translation>
    </message>
    <message>
        <source>Campaigns: pick the campaign, then scan relief cards; each hands out the whole package (Ctrl+W: only those not collected, Ctrl+P: the last slip)</source>
        <translation>活动发放：选好活动后逐张扫描帮困卡，每张卡当即发放整份物资（Ctrl+W：只看未领取，Ctrl+P：上一张发放单）</translation>
    </message>
    <message>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>The district has sent no campaign to this store yet: it comes with the next downstream bundle (System → Sync).</source>
        <translation>区里还没有向本店发送活动：活动随下一个下行数据包到达（系统 → 同步）。</translation>
    </message>
    <message>
        <source>goods worth up to {value}</source>
        <translation>价值不超过 {value} 的物资</translation>
    </message>
    <message>
        <source>counts against the monthly allowance</source>
        <translation>计入每月额度</translation>
    </message>
    <message>
        <source>not counted against the monthly allowance</source>
        <translation>不计入每月额度</translation>
    </message>
    <message>
        <source>{start} to {end} · package: {package} · {allowance}</source>
        <translation>{start} 至 {end} · 物资：{package} · {allowance}</translation>
    </message>
    <message>
        <source>Collected here {here} of {eligible}; at other stores {elsewhere}</source>
        <translation>本店已领 {here} / {eligible} 户；在其他门店已领 {elsewhere} 户</translation>
    </message>
    <message>
        <source>“{name}” would take the goods past {value}: not added.</source>
        <translation>加上“{name}”将超过 {value}：未加入。</translation>
    </message>
    <message>
        <source>Card {card}: scan the goods chosen, up to {value} ({total} so far: {lines}). F12 hands them out, Esc starts again.</source>
        <translation>帮困卡 {card}：请扫描所选物资，总价值不超过 {value}（已选 {total}：{lines}）。按 F12 发放，按 Esc 重新开始。</translation>
    </message>
    <message>
        <source>{number}: the package of “{name}” handed out to card {card}. Ctrl+P prints the slip for the household to sign.</source>
        <translation>{number}：“{name}”物资已发放给帮困卡 {card}。按 Ctrl+P 打印发放单请领取人签字。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Not enough {goods} on hand for the package of “{campaign}”: {wanted} needed, {available} there. Nothing was handed out.</source>
        <translation>“{campaign}”的物资中{goods}库存不足：需要 {wanted}，现有 {available}。未发放任何物资。</translation>
    </message>
    <message>
        <source>No campaign {key}.</source>
        <translation>没有活动 {key}。</translation>
    </message>
    <message>
        <source>“{campaign}” starts on {starts}: nothing is handed out before.</source>
        <translation>“{campaign}”自 {starts} 开始，之前不发放。</translation>
    </message>
    <message>
        <source>“{campaign}” ended on {ends}: nothing more is handed out for it.</source>
        <translation>“{campaign}”已于 {ends} 结束，不再发放。</translation>
    </message>
    <message>
        <source>Relief card {card}: “{campaign}” is not for households of this category.</source>
        <translation>帮困卡 {card}：“{campaign}”不面向该类别的家庭。</translation>
    </message>
    <message>
        <source>Relief card {card}: “{campaign}” does not cover the household&apos;s sub-district.</source>
        <translation>帮困卡 {card}：“{campaign}”不覆盖该家庭所在街道。</translation>
    </message>
    <message>
        <source>Relief card {card} is not on this store&apos;s list for “{campaign}” (the district&apos;s last bundle).</source>
        <translation>帮困卡 {card} 不在本店“{campaign}”的名单上（以区里最近的数据包为准）。</translation>
    </message>
    <message>
        <source>Relief card {card} has collected “{campaign}” here already ({number}).</source>
        <translation>帮困卡 {card} 已在本店领取过“{campaign}”（{number}）。</translation>
    </message>
    <message>
        <source>Relief card {card} has collected “{campaign}” at store {store} already (as the district said).</source>
        <translation>帮困卡 {card} 已在门店 {store} 领取过“{campaign}”（据区里数据）。</translation>
    </message>
    <message>
        <source>the name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>the dates (from, to)</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <source>the household categories</source>
        <translation>家庭类别</translation>
    </message>
    <message>
        <source>the sub-districts</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>the package (goods and quantities, or a value)</source>
        <translation>物资（物品及数量，或价值）</translation>
    </message>
    <message>
        <source>the package&apos;s value</source>
        <translation>物资价值</translation>
    </message>
    <message>
        <source>a barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>a goods category</source>
        <translation>物品类别</translation>
    </message>
    <message>
        <source>a quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>the goods chosen</source>
        <translation>所选物资</translation>
    </message>
    <message>
        <source>The campaign cannot be taken: {field} is not right ({value}).</source>
        <translation>活动无法保存：{field}不正确（{value}）。</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>领取</translation>
    </message>
    <message>
        <source>Where / when</source>
        <translation>何处 / 何时</translation>
    </message>
    <message>
        <source>{number}: {value} handed out</source>
        <translation>{number}：发放价值 {value}</translation>
    </message>
    <message>
        <source>Collected here</source>
        <translation>本店已领</translation>
    </message>
    <message>
        <source>At another store</source>
        <translation>他店已领</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>未领取</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Campaign “{name}” ({id}) defined: {start} to {end}. The next downstream bundles carry it to the stores it covers.</source>
        <translation>活动“{name}”（{id}）已设立：{start} 至 {end}。下一批下行数据包会把它带到所覆盖的门店。</translation>
    </message>
    <message>
        <source>Dates: {start} to {end}</source>
        <translation>日期：{start} 至 {end}</translation>
    </message>
    <message>
        <source>Household categories: {value}</source>
        <translation>家庭类别：{value}</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Sub-districts: {value}</source>
        <translation>街道：{value}</translation>
    </message>
    <message>
        <source>the whole district</source>
        <translation>全区</translation>
    </message>
    <message>
        <source>Package: {value}</source>
        <translation>物资：{value}</translation>
    </message>
    <message>
        <source>Counts against the monthly allowance: {value}</source>
        <translation>计入每月额度：{value}</translation>
    </message>
    <message>
        <source>{name}: {collected} of {eligible} households collected, {value} handed out.</source>
        <translation>{name}：{eligible} 户中已领 {collected} 户，发放价值 {value}。</translation>
    </message>
    <message>
        <source>Collected more than once (stores offline from each other), to follow up:</source>
        <translation>重复领取（门店之间离线时发生），待核查：</translation>
    </message>
    <message>
        <source>Not collected yet: {count}</source>
        <translation>尚未领取：{count} 户</translation>
    </message>
    <message>
        <source>Written to {out}.</source>
        <translation>已写入 {out}。</translation>
    </message>
    <message>
        <source>goods worth up to {value}</source>
        <translation>价值不超过 {value} 的物资</translation>
    </message>
    <message>
        <source>flagged: card {card} collected “{name}” more than once: {where}</source>
        <translation>待核查：帮困卡 {card} 重复领取“{name}”：{where}</translation>
    </message>
    <message>
        <source>running now</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>{name}  {start} to {end}  {state}: {here} of {eligible} collected here, {elsewhere} elsewhere</source>
        <translation>{name}  {start} 至 {end}  {state}：本店已领 {here} / {eligible} 户，他店已领 {elsewhere} 户</translation>
    </message>
    <message>
        <source>{number}: the package of “{name}” handed out to card {card} ({value}).</source>
        <translation>{number}：“{name}”物资已发放给帮困卡 {card}（{value}）。</translation>
    </message>
</context>
<context>
    <name>CampaignsScreen</name>
    <message>
        <source>Whole phone number (Ctrl+I)</source>
        <translation>完整电话号码 (Ctrl+I)</translation>
    </message>
    <message>
        <source>Select a household of the list first.</source>
        <translation>请先在名单中选择一户。</translation>
    </message>
    <message>
        <source>Card {card}: the sub-district&apos;s list gave no phone.</source>
        <translation>卡号 {card}：街道名单未提供电话。</translation>
    </message>
    <message>
        <source>Card {card}: {phone}</source>
        <translation>卡号 {card}：{phone}</translation>
    </message>
    <message>
        <source>Relief campaigns</source>
        <translation>救助活动</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Export .xlsx</source>
        <translation>导出 .xlsx</translation>
    </message>
    <message>
        <source>No campaign yet: district staff define one with charity-pos hub campaign add.</source>
        <translation>还没有活动：区工作人员可用 charity-pos hub campaign add 设立。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>{collected} of {eligible} households collected, {value} handed out</source>
        <translation>{eligible} 户中已领 {collected} 户，发放价值 {value}</translation>
    </message>
    <message>
        <source>Collected more than once (stores offline from each other), to follow up:</source>
        <translation>重复领取（门店之间离线时发生），待核查：</translation>
    </message>
    <message>
        <source>Export the campaign&apos;s progress</source>
        <translation>导出活动进度</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
    <message numerus="yes">
        <source>Not collected yet: %n household(s), to call</source>
        <translation>
            <numerusform>尚未领取：%n 户，待联系</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HubWindow</name>
    <message>
        <source>Campaigns</source>
        <translation>救助活动</translation>
    </message>
</context>
<context>
    <name>ProgressModel</name>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>已领户数</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>应领户数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>发放价值</translation>
    </message>
</context>
<context>
    <name>WaitingModel</name>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>所属门店</translation>
    </message>
</context>
<context>
    <name>StoreUpgrade</name>
    <message>
        <source>{path} is from an earlier version of charity-pos (schema {before}) and must be upgraded to this version's schema ({after}), after a copy of it as it was is kept at {copy}. That copy could not be made: {why} The store file was not upgraded and nothing in it was changed.</source>
        <translation>{path} 来自早期版本的 charity-pos（数据结构 {before}），须升级到本版本的数据结构（{after}）；升级前要先把文件原样复制一份保存为 {copy}。这份副本未能做成：{why}门店数据文件未升级，其中的内容没有任何改动。</translation>
    </message>
    <message>
        <source>{path} does not say which version of charity-pos its schema is from (its version table is {state}), so it cannot be upgraded: it was not opened and nothing in it was changed. Restore the store from a backup (“charity-pos restore”).</source>
        <translation>{path} 没有说明其数据结构属于哪个版本的 charity-pos（其版本表{state}），因此无法升级：文件未打开，其中的内容没有任何改动。请从备份恢复门店（“charity-pos restore”）。</translation>
    </message>
    <message>
        <source>the disk is full. Free some space on it (at least the size of the store file) and start charity-pos again.</source>
        <translation>磁盘已满。请在该磁盘上腾出空间（至少与门店数据文件一样大），然后重新启动 charity-pos。</translation>
    </message>
    <message>
        <source>this user may not write in that folder. Let the user running charity-pos write there, and start it again.</source>
        <translation>当前用户无权在该文件夹中写入。请给运行 charity-pos 的用户写入权限，然后重新启动。</translation>
    </message>
    <message>
        <source>the disk is read-only. Put the store file on a disk that can be written, and start charity-pos again.</source>
        <translation>该磁盘是只读的。请把门店数据文件放在可写入的磁盘上，然后重新启动 charity-pos。</translation>
    </message>
    <message>
        <source>the copy, so the store file itself, did not pass its check ({kind}). Run “charity-pos verify” on the file and call the district office before it is used again.</source>
        <translation>副本未通过校验（{kind}），也就是门店数据文件本身未通过校验。请先用“charity-pos verify”检查该文件并联系区里，再继续使用。</translation>
    </message>
    <message>
        <source>its check could not be run, as the temporary folder {folder} cannot be written ({detail}). Make room there, or set TMPDIR to a folder with room, and start charity-pos again.</source>
        <translation>无法对副本进行校验，因为临时文件夹 {folder} 无法写入（{detail}）。请在那里腾出空间，或把 TMPDIR 设为有空间的文件夹，然后重新启动 charity-pos。</translation>
    </message>
    <message>
        <source>{detail}.</source>
        <translation>{detail}。</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>holding several revisions</source>
        <translation>含有多个版本</translation>
    </message>
    <message>
        <source>The store file {path} was upgraded from schema {before} to {after} by charity-pos {version}; the file as it was is kept as {copy}.</source>
        <translation>门店数据文件 {path} 已由 charity-pos {version} 从数据结构 {before} 升级到 {after}；升级前的原文件保存为 {copy}。</translation>
    </message>
    <message>
        <source>The store file was upgraded</source>
        <translation>门店数据文件已升级</translation>
    </message>
    <message>
        <source>charity-pos {version} upgraded the store file from schema {before} to {after}. The file as it was is kept as {copy}; “charity-pos restore” can put it back if need be.</source>
        <translation>charity-pos {version} 已将门店数据文件从数据结构 {before} 升级到 {after}。升级前的原文件保存为 {copy}；如有需要，可用“charity-pos restore”恢复。</translation>
    </message>
</context>
</TS>
